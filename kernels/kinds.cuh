#pragma once
// The names a job is made of. Plain enums, shared by kernels and host.
namespace rdp {

// multiquan_eq6 is multiquan with Zhou & Tian's equation (6) read literally: every
// reconstruction interval is that of the cell one step below (docs/theory.md §2.6). It
// is a broken decoder, kept so that the perception estimators can be shown to catch it.
// The lattice_* schemes code vectors blockwise with a lattice (docs/theory.md §4).
enum class SchemeKind {
  multiquan,
  dithered,
  dithered_raw,
  deterministic,
  multiquan_eq6,
  lattice_sd,
  lattice_pd,
  lattice_qsd,
  lattice_det,
};
enum class SourceKind { uniform, exponential, gaussian, laplace, circle };
// docs/theory.md §3: Z, the hexagonal A2, D3 (fcc), D3* (bcc), D4, E8, Barnes-Wall
// Lambda16 and the Leech lattice Lambda24.
enum class LatticeKind { Z, A2, D3, D3_dual, D4, E8, BW16, Leech };

// What a kernel runs per sample: a scalar scheme on a source, a vector scheme on
// vectors of a source's coordinates with a lattice, or the Voronoi cell of a lattice
// (its second moment, `rdpsim nsm`).
enum class PipelineKind { scalar_scheme, vector_scheme, lattice_cell };

struct PipelineKey {
  PipelineKind kind = PipelineKind::scalar_scheme;
  SchemeKind scheme = SchemeKind::multiquan;  // the schemes
  SourceKind source = SourceKind::uniform;    // the schemes
  LatticeKind lattice = LatticeKind::Z;       // vector_scheme, lattice_cell
};

}  // namespace rdp
