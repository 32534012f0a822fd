#pragma once
// The names a job is made of. Plain enums, shared by kernels and host.
namespace rdp {

// multiquan_eq6 is multiquan with the seed paper's equation (6) read literally: every
// reconstruction interval is that of the cell one step below (SPEC 2.1's warning). It
// is a broken decoder, kept so that the perception estimators can be shown to catch it.
enum class SchemeKind { multiquan, dithered, dithered_raw, deterministic, multiquan_eq6 };
enum class SourceKind { uniform, exponential, gaussian, laplace, circle };

}  // namespace rdp
