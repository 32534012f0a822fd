#pragma once
// RDP_HD marks code that runs both in CUDA kernels and in the OpenMP CPU backend.
// Under g++ it is plain C++, so the CPU backend needs no nvcc; always inlined, as
// under nvcc, because g++'s size heuristics otherwise leave expm1 and the Philox
// rounds as calls inside the CPU's hot loop.
#if defined(__CUDACC__)
#define RDP_HD __host__ __device__ __forceinline__
#else
#define RDP_HD inline __attribute__((always_inline))
#endif
