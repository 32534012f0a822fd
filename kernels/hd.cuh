#pragma once
// RDP_HD marks code that runs both in CUDA kernels and in the OpenMP CPU backend.
// Under g++ it is plain inline C++, so the CPU backend needs no nvcc.
#if defined(__CUDACC__)
#define RDP_HD __host__ __device__ __forceinline__
#else
#define RDP_HD inline
#endif
