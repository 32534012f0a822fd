#pragma once
// The names a job is made of. Plain enums, shared by kernels and host.
namespace rdp {

enum class SchemeKind { multiquan, dithered, dithered_raw, deterministic };
enum class SourceKind { uniform, exponential, gaussian, laplace, circle };

}  // namespace rdp
