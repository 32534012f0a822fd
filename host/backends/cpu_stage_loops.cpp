// The scalar schemes' SIMD stage loops: cpu_loops.cpp compiled a second time, for them
// alone, with -fno-math-errno (CMakeLists.txt; see run_cpu_loops).
#define RDPSIM_STAGE_LOOPS_UNIT
#include "host/backends/cpu_loops.cpp"
