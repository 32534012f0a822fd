// Sweeps: grid expansion, malformed configurations, kill-and-resume without lost,
// duplicated or torn rows, and shards that partition the grid and merge back into
// the unsharded output.
#include <gtest/gtest.h>

#include "tests/backend_param.hpp"
#include "tests/cli_runner.hpp"
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "host/schemes/lattice_design.hpp"
#include "host/sweep/grid.hpp"
#include "host/sweep/jsonl_file.hpp"

namespace {

using rdp::parse_sweep_config;

std::vector<std::string> ids(const rdp::SweepConfig& c) {
  std::vector<std::string> out;
  for (const auto& p : c.points) out.push_back(p.id);
  return out;
}

TEST(SweepGrid, AxesThatDoNotApplyDoNotMultiply) {
  const auto c = parse_sweep_config(R"(
samples = 1e6
seed = 3
[grid]
scheme = ["multiquan", "dithered"]
source = ["exponential", "circle"]
N = [1, 4]
L = [2, 8]
step = [0.5, 0.25]
)", "t.toml");
  // multiquan: exponential 2 N x 2 steps + circle 2 N x 2 L; dithered: 2 steps + 2 L.
  EXPECT_EQ(c.points.size(), 12u);
  EXPECT_EQ(c.points.front().id, "multiquan/exponential/N=1/step=0.5/samples=1000000/seed=3");
  EXPECT_EQ(c.points.back().id, "dithered/circle/L=8/samples=1000000/seed=3");
  for (size_t i = 0; i < c.points.size(); ++i) EXPECT_EQ(c.points[i].index, i);
}

// The guard against toml++'s undefined whitespace test (toml_prescan) lets every valid
// non-ASCII text through: in comments, in strings of every kind, after a backslash's
// ASCII escape, after a number that ends where TOML says it does.
TEST(SweepGrid, NonAsciiTextInCommentsAndStringsIsAccepted) {
  const auto c = parse_sweep_config("# \xcf\x83-sweep: \xce\x94 = 0.5, \xc3\xa9t\xc3\xa9 \xef\xbb\xbd\n"
                                    "name = \"\xcf\x83 \\\"\xce\x94\\\" \\u00e9\xc3\xa9\"  # \xc3\xa9\n"
                                    "samples = 1000000 # \xcf\x83\n"
                                    "seed = 3#\xcf\x83\n"
                                    "[grid] # \xcf\x83\n"
                                    "scheme = [\"dithered\"]\n"
                                    "source = 'uniform' # '\xcf\x83'\n"
                                    "step = [0.5,0.25]\n",
                                    "t.toml");
  EXPECT_EQ(c.points.size(), 2u);
  const auto m = parse_sweep_config("name = \"\"\"\xcf\x83\n \xce\x94 \\\n  x \xc3\xa9\"\"\"\n"
                                    "[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.5\n",
                                    "t.toml");
  EXPECT_EQ(m.points.size(), 1u);
}

TEST(SweepGrid, LinearAndGeometricRangesIncludeBothEnds) {
  const auto c = parse_sweep_config(R"(
[grid]
scheme = "deterministic"
source = "gaussian"
step = { geom = [0.01, 1.0, 3] }
seed = { lin = [1, 3, 3] }
)", "t.toml");
  ASSERT_EQ(c.points.size(), 9u);
  EXPECT_DOUBLE_EQ(c.points[0].job.step, 0.01);
  EXPECT_NEAR(c.points[3].job.step, 0.1, 1e-15);
  EXPECT_EQ(c.points[8].job.step, 1.0);
  EXPECT_EQ(c.points[2].job.seed, 3u);
  EXPECT_EQ(c.points[0].job.samples, 1000000u);
}

// Lattice axes multiply only the lattice schemes; dim gives each lattice its blocks; a
// designed point takes its step and gains from the design (docs/theory.md §4.5).
TEST(SweepGrid, LatticeAxesAndDesignedPoints) {
  const auto c = parse_sweep_config(R"(
[grid]
scheme = ["lattice-sd", "lattice-qsd", "multiquan"]
source = "gaussian"
N = 2
step = 0.5
lattice = ["Z", "E8"]
dim = 8
gamma = [2, 3]
)", "t.toml");
  // sd: 2 lattices; qsd: 2 lattices x 2 gammas; multiquan: 1.
  ASSERT_EQ(c.points.size(), 7u);
  EXPECT_EQ(c.points[0].job.blocks, 8u);
  EXPECT_EQ(c.points[1].job.lattice, rdp::LatticeKind::E8);
  EXPECT_EQ(c.points[1].job.blocks, 1u);
  EXPECT_EQ(c.points[3].id,
            "lattice-qsd/gaussian/lattice=Z/blocks=8/gamma=3/gain_a=1/gain_s=1/dither_scale=1/step=0.5/samples=1000000/"
            "seed=1");
  EXPECT_EQ(c.points.back().id, "multiquan/gaussian/N=2/step=0.5/samples=1000000/seed=1");

  const auto designed = parse_sweep_config(R"(
[grid]
scheme = "lattice-sd"
source = "gaussian"
lattice = "E8"
target_D = [0.1, 0.2]
)", "t.toml");
  ASSERT_EQ(designed.points.size(), 2u);
  rdp::Job expected = designed.points[1].job;
  expected.target_D = 0.2;
  rdp::design_job(expected);
  EXPECT_EQ(designed.points[1].job.step, expected.step);
  EXPECT_EQ(designed.points[1].job.gain_s, expected.gain_s);
  EXPECT_NE(designed.points[0].job.step, designed.points[1].job.step);
  EXPECT_EQ(designed.points[1].id, "lattice-sd/gaussian/lattice=E8/blocks=1/target_D=0.2/target_P=0/samples=1000000/seed=1");
}

struct Malformed {
  const char* toml;
  const char* names;
};

class SweepMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(SweepMalformed, IsRejectedWithALineNamingTheProblem) {
  try {
    parse_sweep_config(GetParam().toml, "bad.toml");
    FAIL() << "accepted: " << GetParam().toml;
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam().names), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SweepMalformed,
    ::testing::Values(
        Malformed{"smaples = 1e6\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1", "unknown key 'smaples'"},
        Malformed{"[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1\nNN=[1]", "unknown key 'NN' in [grid]"},
        Malformed{"[grid]\nscheme=\"multiquan\"\nsource=\"uniform\"\nstep=0.1\nN=[\"four\"]", "'N' must hold finite numbers"},
        Malformed{"[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1\nsamples=nan", "finite numbers"},
        Malformed{"seed = [1, 2]\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1", "takes one value"},
        Malformed{"[grid]\nscheme=\"multiquan\"\nsource=\"uniform\"\nstep=0.1\nN=[]", "'N' is an empty axis"},
        Malformed{"[grid]\nscheme=\"multiquan\"\nsource=\"uniform\"\nstep={geom=[0,1,3]}", "positive ends"},
        Malformed{"[grid]\nscheme=\"multiquan\"\nsource=\"uniform\"\nstep={lin=[0.1,1,0]}", "count must be"},
        Malformed{"[grid]\nscheme=\"staggered\"\nsource=\"uniform\"\nstep=0.1", "unknown scheme 'staggered'"},
        Malformed{"[grid]\nscheme=\"dithered\"\nsource=\"uniform\"", "needs step"},
        Malformed{"[grid]\nscheme=\"dithered\"\nsource=\"circle\"", "needs L"},
        Malformed{"samples = 1e6\n", "missing [grid]"},
        Malformed{"samples = 0\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1", "'samples' must hold whole"},
        Malformed{"backend = \"tpu\"\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1", "backend must be"},
        Malformed{"[grid]\nscheme=\"multiquan\"\nsource=\"uniform\"\nstep=[0.1, 0.1]", "appears twice"},
        Malformed{"[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=-1", "--step must be in"},
        Malformed{"[grid\nscheme=1", "line 1"},
        Malformed{"[grid]\nscheme=\"lattice-sd\"\nsource=\"gaussian\"\nstep=1\nlattice=\"E8\"\ndim=6", "not a multiple"},
        Malformed{"[grid]\nscheme=\"lattice-sd\"\nsource=\"gaussian\"\ntarget_D=0.1\nstep=1", "set by the design"},
        Malformed{"[grid]\nscheme=\"lattice-qsd\"\nsource=\"gaussian\"\nstep=1\ngamma=1", "'gamma' must hold"},
        Malformed{"[grid]\nscheme=\"lattice-sd\"\nsource=\"gaussian\"\nlattice=\"E8\"\ntarget_D=2", "--target-D"},
        Malformed{"block_size = 1024\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1", "'block_size' must"},
        Malformed{"samples = \"1e6\"\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1",
                  "'samples' must hold numbers, got the string \"1e6\": write it without quotes"},
        Malformed{"scheme = \"dithered\"\n[grid]\nsource=\"uniform\"\nstep=0.1", "'scheme' is a grid axis: put it under [grid]"},
        Malformed{"[grid]\nsheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1", "did you mean 'scheme'?"},
        Malformed{"[grid]\nscheme=\"dithered\"\nsource=\"unifrom\"\nstep=0.1", "did you mean 'uniform'?"},
        Malformed{"[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1\nN=[1,4]", "'N' applies to none"},
        // Found by tests/fuzz: toml++ 3.3 reaches __builtin_unreachable on U+015E between tokens.
        Malformed{"[grid]\nscheme = \"multiquan\"\xc5\x9e\nsource=\"uniform\"\nstep=0.1",
                  "line 2: a non-ASCII character outside a string or comment"},
        // Found by tests/fuzz: the same undefined behaviour on U+FEFD after a backslash in a
        // multi-line string, and (by reading toml++) on a Latin letter after a line-ending backslash.
        Malformed{"# c\n\"\"\"N%alun\\\xef\xbb\xbd\x7f \xef\xbb\xbf\x7f \"\"\":edither_binp = ",
                  "line 2: a non-ASCII character after a backslash"},
        Malformed{"name = \"\"\"a \\  \n  \n \xc3\xa9\"\"\"\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1",
                  "line 3: a non-ASCII character after a backslash"},
        Malformed{"name = \"a\\\xc3\xa9\"\n[grid]\nscheme=\"dithered\"\nsource=\"uniform\"\nstep=0.1",
                  "line 1: a non-ASCII character after a backslash"},
        // Found by tests/fuzz: toml++ scans a number to its terminator, through quotes.
        Malformed{"# c\nstep =6[\"lapla\xef\xbb\xa4+\"", "line 2: a non-ASCII character inside a number or date"},
        Malformed{"e = -[\"\xef\xbb\xbdo\"", "line 1: a non-ASCII character inside a number or date"}));

// ---- running sweeps through the executable ----

const std::string kConfig = R"(samples = 1000000
seed = 5
backend = "cpu"
threads = 1
[grid]
scheme = ["multiquan", "dithered"]
source = ["exponential", "circle"]
N = [1, 3]
L = [4]
step = [0.5, 0.25]
)";

std::string write_config(const std::string& name) {
  const std::string path = rdp::testing::scratch_path(name);
  std::ofstream(path) << kConfig;
  return path;
}

// The exit status of `rdpsim <args>`, its output thrown away.
int run_rdpsim(const std::string& args) { return rdp::testing::run_cli(args, ">/dev/null 2>&1").status; }

// The rows file of `rdpsim sweep config`, run to the end into a fresh scratch file `name`:
// what an interrupted, resumed or sharded run must reproduce.
std::string uninterrupted_output(const std::string& config, const std::string& name) {
  const std::string path = rdp::testing::scratch_path(name);
  std::remove(path.c_str());
  EXPECT_EQ(run_rdpsim("sweep " + config + " --out " + path), 0) << "the uninterrupted sweep failed";
  return path;
}

// Rows without their timing fields, which legitimately differ between runs.
std::vector<nlohmann::json> comparable_rows(const std::string& path) {
  std::vector<nlohmann::json> rows;
  for (const std::string& line : rdp::read_jsonl_rows(path)) {
    auto row = nlohmann::json::parse(line);
    row.erase("elapsed_s");
    row.erase("samples_per_s");
    rows.push_back(row);
  }
  return rows;
}

size_t complete_lines(const std::string& path) {
  std::ifstream in(path);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty();
  return n;
}

// Starts a sweep and sends it `signal` once `rows` rows are on disk; returns waitpid's status.
int signal_after_rows(const std::string& config, const std::string& out, size_t rows, int signal) {
  const std::string rdpsim = rdp::testing::rdpsim_executable();  // before the fork: the child only execs
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    freopen("/dev/null", "w", stderr);
    execl(rdpsim.c_str(), rdpsim.c_str(), "sweep", config.c_str(), "--out", out.c_str(), nullptr);
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (complete_lines(out) < rows && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  kill(pid, signal);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

// Whether a SIGKILL interrupted the sweep (it ended by the signal, not by finishing).
bool kill_after_rows(const std::string& config, const std::string& out, size_t rows) {
  const int status = signal_after_rows(config, out, rows, SIGKILL);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

TEST(SweepRun, ResumeAfterAKillGivesExactlyTheUninterruptedRows) {
  const std::string config = write_config("resume.toml");
  const std::string whole = uninterrupted_output(config, "whole.jsonl");
  const auto expected = comparable_rows(whole);
  ASSERT_EQ(expected.size(), 9u);  // multiquan: 2 N x (2 steps + 1 L); dithered: 2 steps + 1 L

  for (size_t kill_at : {1u, 4u, 7u}) {
    SCOPED_TRACE(kill_at);
    const std::string out = rdp::testing::scratch_path("killed.jsonl");
    std::remove(out.c_str());
    ASSERT_TRUE(kill_after_rows(config, out, kill_at)) << "the sweep finished before the kill";
    const size_t before = complete_lines(out);
    EXPECT_GE(before, kill_at);
    EXPECT_LT(before, expected.size()) << "the kill interrupted nothing";
    EXPECT_EQ(comparable_rows(out).size(), before) << "a row was torn";
    ASSERT_EQ(run_rdpsim("sweep " + config + " --out " + out + " --resume"), 0);
    EXPECT_EQ(comparable_rows(out), expected);
  }
}

// Starts `rdpsim sweep config --out out` with its stderr in err_path; a file-size limit
// (RLIMIT_FSIZE, with SIGXFSZ ignored so that writes fail with EFBIG) stands in for a
// full disk when limit_bytes > 0.
pid_t start_sweep(const std::string& config, const std::string& out, const std::string& err_path,
                  rlim_t limit_bytes = 0) {
  const std::string rdpsim = rdp::testing::rdpsim_executable();
  const pid_t pid = fork();
  if (pid == 0) {
    freopen(err_path.c_str(), "w", stderr);
    freopen("/dev/null", "w", stdout);
    if (limit_bytes > 0) {
      signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{limit_bytes, limit_bytes};
      setrlimit(RLIMIT_FSIZE, &limit);
    }
    execl(rdpsim.c_str(), rdpsim.c_str(), "sweep", config.c_str(), "--out", out.c_str(), nullptr);
    _exit(127);
  }
  return pid;
}

std::string tmpfs_size_option(size_t bytes) { return "size=" + std::to_string(bytes); }

int exit_status_of(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string text_of(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(SweepFaults, AFullDiskLeavesWholeRowsAndResumeCompletesThem) {
  const std::string config = write_config("full.toml");
  const std::string whole = uninterrupted_output(config, "whole_full.jsonl");
  const auto expected = comparable_rows(whole);
  const size_t row_bytes = text_of(whole).size() / expected.size();
  const std::string out = rdp::testing::scratch_path("full.jsonl"), err = rdp::testing::scratch_path("full.err");
  std::remove(out.c_str());
  // Room for two and a half rows: the third write fails part-way.
  EXPECT_EQ(exit_status_of(start_sweep(config, out, err, static_cast<rlim_t>(2.5 * row_bytes))), 1);
  EXPECT_NE(text_of(err).find("keeps its whole rows; --resume continues it"), std::string::npos) << text_of(err);
  const std::string kept = text_of(out);
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(kept.back(), '\n') << "a torn row was left behind";
  const auto rows = comparable_rows(out);
  ASSERT_EQ(rows.size(), 2u);
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], expected[i]);
  ASSERT_EQ(run_rdpsim("sweep " + config + " --out " + out + " --resume"), 0);
  EXPECT_EQ(comparable_rows(out), expected);
}

// The same on a real full filesystem (as root: a tmpfs mount of about half the output's
// size), and the resume on the same mount once it has room again.
TEST(SweepFaults, AFullTmpfsLeavesWholeRowsAndResumeCompletesThemOnceThereIsRoom) {
  if (geteuid() != 0) GTEST_SKIP() << "mounting a tmpfs needs root (the file-size-limit test above covers the rest)";
  const std::string config = rdp::testing::scratch_path("tmpfs.toml");
  std::ofstream(config) << "samples = 20000\nbackend = \"cpu\"\nthreads = 1\n"
                           "[grid]\nscheme = \"dithered\"\nsource = \"uniform\"\nstep = {lin = [0.1, 1.0, 60]}\n";
  const std::string whole = uninterrupted_output(config, "whole_tmpfs.jsonl");
  const auto expected = comparable_rows(whole);
  const size_t pages = text_of(whole).size() / 2 / 4096;
  ASSERT_GE(pages, 1u) << "the rows are too short to fill a page";
  const std::string folder = rdp::testing::scratch_path("full_tmpfs");
  std::filesystem::create_directories(folder);
  if (mount("tmpfs", folder.c_str(), "tmpfs", 0, tmpfs_size_option(pages * 4096).c_str()) != 0)
    GTEST_SKIP() << "root without the right to mount a tmpfs: " << std::strerror(errno);
  const std::string out = folder + "/rows.jsonl", err = rdp::testing::scratch_path("tmpfs.err");
  EXPECT_EQ(exit_status_of(start_sweep(config, out, err)), 1);
  EXPECT_NE(text_of(err).find("No space left on device"), std::string::npos) << text_of(err);
  const std::string kept = text_of(out);
  const auto rows = comparable_rows(out);
  EXPECT_TRUE(kept.empty() || kept.back() == '\n') << "a torn row was left behind";
  EXPECT_LT(rows.size(), expected.size());
  for (size_t i = 0; i < rows.size() && i < expected.size(); ++i) EXPECT_EQ(rows[i], expected[i]);
  EXPECT_EQ(mount("tmpfs", folder.c_str(), "tmpfs", MS_REMOUNT, "size=1m"), 0) << std::strerror(errno);
  EXPECT_EQ(run_rdpsim("sweep " + config + " --out " + out + " --resume"), 0);
  EXPECT_EQ(comparable_rows(out), expected);
  umount(folder.c_str());
}

// SIGKILL at moments drawn at random (fixed seed) across the sweep's run, mid-row
// included: each time the file holds a prefix of the rows, whole, and resume completes it.
TEST(SweepFaults, KillsAtRandomMomentsLoseAndDuplicateNothing) {
  const std::string config = write_config("random_kill.toml");
  const auto start = std::chrono::steady_clock::now();
  const std::string whole = uninterrupted_output(config, "whole_random.jsonl");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto expected = comparable_rows(whole);
  std::mt19937 rng(20261201);
  std::uniform_real_distribution<double> moment(0.0, seconds);
  for (int trial = 0; trial < 6; ++trial) {
    const double at = moment(rng);
    SCOPED_TRACE(at);
    const std::string out = rdp::testing::scratch_path("random_kill.jsonl");
    std::remove(out.c_str());
    const pid_t pid = start_sweep(config, out, "/dev/null");
    std::this_thread::sleep_for(std::chrono::duration<double>(at));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    // One write(2) per row: a kill lands between rows, never inside one.
    const std::string kept = text_of(out);
    EXPECT_TRUE(kept.empty() || kept.back() == '\n') << "a torn row";
    const auto rows = comparable_rows(out);
    ASSERT_LE(rows.size(), expected.size());
    for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i], expected[i]);
    ASSERT_EQ(run_rdpsim("sweep " + config + " --out " + out + " --resume"), 0);
    EXPECT_EQ(comparable_rows(out), expected);
  }
}

TEST(SweepFaults, ASecondWriterIsRefused) {
  const std::string config = write_config("locked.toml");
  const std::string out = rdp::testing::scratch_path("locked.jsonl");
  std::remove(out.c_str());
  rdp::JsonlAppender first(out, false);
  first.append(R"({"held":"by this test"})");
  EXPECT_THROW(rdp::JsonlAppender(out, true), std::invalid_argument);
  const auto r = rdp::testing::run_cli("sweep " + config + " --out " + out + " --resume");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("is being written by another rdpsim sweep"), std::string::npos) << r.out;
  EXPECT_EQ(text_of(out), "{\"held\":\"by this test\"}\n") << "the refused sweep wrote into the file";
}

TEST(SweepFaults, AnOutputFolderThatDoesNotExistIsRefusedBeforeAnyWork) {
  const auto r = rdp::testing::run_cli("sweep " + write_config("nowhere.toml") + " --out /nonexistent/rdpsim/rows.jsonl");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("cannot open '/nonexistent/rdpsim/rows.jsonl' for writing: No such file or directory"),
            std::string::npos)
      << r.out;
}

TEST(SweepFaults, AnOutputRemovedMidSweepStopsIt) {
  const std::string config = write_config("vanish.toml");
  const std::string out = rdp::testing::scratch_path("vanish.jsonl"), err = rdp::testing::scratch_path("vanish.err");
  std::remove(out.c_str());
  const pid_t pid = start_sweep(config, out, err);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (complete_lines(out) < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::remove(out.c_str());
  EXPECT_EQ(exit_status_of(pid), 1);
  EXPECT_NE(text_of(err).find("was removed or replaced while the sweep wrote to it"), std::string::npos) << text_of(err);
}

TEST(SweepFaults, AnOutputFolderRemovedMidSweepStopsIt) {
  const std::string config = write_config("vanish_folder.toml");
  const std::string folder = rdp::testing::scratch_path("vanishing_folder"), err = rdp::testing::scratch_path("vanish_folder.err");
  std::filesystem::remove_all(folder);
  std::filesystem::create_directory(folder);
  const std::string out = folder + "/rows.jsonl";
  const pid_t pid = start_sweep(config, out, err);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (complete_lines(out) < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::filesystem::remove_all(folder);
  EXPECT_EQ(exit_status_of(pid), 1);
  EXPECT_NE(text_of(err).find("was removed or replaced while the sweep wrote to it"), std::string::npos) << text_of(err);
}

// Root may write anywhere its permissions say no, so as root the folder is a read-only
// tmpfs mount (an HPC scratch mounted read-only); otherwise a folder without write bits.
TEST(SweepFaults, AReadOnlyOutputFolderIsRefusedBeforeAnyWork) {
  const std::string folder = rdp::testing::scratch_path("read_only_folder");
  std::filesystem::create_directories(folder);
  const bool as_root = geteuid() == 0;
  if (as_root) {
    if (mount("tmpfs", folder.c_str(), "tmpfs", MS_RDONLY, "size=64k") != 0)
      GTEST_SKIP() << "root without the right to mount a tmpfs: " << std::strerror(errno);
  } else {
    std::filesystem::permissions(folder, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  }
  const auto r = rdp::testing::run_cli("sweep " + write_config("read_only.toml") + " --out " + folder + "/rows.jsonl");
  if (as_root) umount(folder.c_str());
  std::filesystem::permissions(folder, std::filesystem::perms::owner_all);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find(as_root ? "for writing: Read-only file system" : "for writing: Permission denied"), std::string::npos)
      << r.out;
}

TEST(SweepRun, SigintKeepsEveryFinishedRowAndResumeCompletesIt) {
  const std::string config = write_config("sigint.toml");
  const std::string whole = uninterrupted_output(config, "whole_sigint.jsonl");
  const auto expected = comparable_rows(whole);
  const std::string out = rdp::testing::scratch_path("sigint.jsonl");
  std::remove(out.c_str());
  const int status = signal_after_rows(config, out, 2, SIGINT);
  ASSERT_TRUE(WIFEXITED(status)) << "SIGINT killed the sweep instead of stopping it";
  ASSERT_EQ(WEXITSTATUS(status), 130);
  const auto kept = comparable_rows(out);
  EXPECT_GE(kept.size(), 2u);
  EXPECT_LT(kept.size(), expected.size()) << "the signal came after the last point";
  for (size_t i = 0; i < kept.size(); ++i) EXPECT_EQ(kept[i], expected[i]);
  ASSERT_EQ(run_rdpsim("sweep " + config + " --out " + out + " --resume"), 0);
  EXPECT_EQ(comparable_rows(out), expected);
}

TEST(SweepGrid, ExactPointsAreNamedWithoutSamplesOrSeed) {
  const char* grid = R"(samples = 1e6
[grid]
scheme = "multiquan"
source = "uniform"
N = 2
step = [0.5, 0.25]
seed = [1, 2, 3]
)";
  const auto simulated = parse_sweep_config(grid, "t.toml");
  EXPECT_EQ(simulated.points.size(), 6u);
  auto exact = parse_sweep_config(std::string("mode = \"exact\"\n") + grid, "t.toml");
  EXPECT_EQ(ids(exact), (std::vector<std::string>{"multiquan/uniform/N=2/step=0.5", "multiquan/uniform/N=2/step=0.25"}));
  auto switched = parse_sweep_config(grid, "t.toml");
  rdp::use_mode(switched, rdp::SweepMode::exact);  // sweep --exact
  EXPECT_EQ(ids(switched), ids(exact));
  EXPECT_EQ(switched.points.back().index, 1u);
}

TEST(SweepRun, ResumeCutsATornLastLine) {
  const std::string config = write_config("torn.toml");
  const std::string out = rdp::testing::scratch_path("torn.jsonl");
  const std::string whole = uninterrupted_output(config, "whole2.jsonl");
  const auto rows = rdp::read_jsonl_rows(whole);
  {
    std::ofstream torn(out, std::ios::trunc);
    torn << rows[0] << "\n" << rows[1] << "\n" << rows[2].substr(0, rows[2].size() / 2);  // a crash mid-row
  }
  ASSERT_EQ(run_rdpsim("sweep " + config + " --out " + out + " --resume"), 0);
  EXPECT_EQ(comparable_rows(out), comparable_rows(whole));
  // Without --resume an existing output is refused, not overwritten.
  EXPECT_EQ(run_rdpsim("sweep " + config + " --out " + out), 2);
  EXPECT_EQ(comparable_rows(out), comparable_rows(whole));
}

TEST(SweepRun, ShardsPartitionTheGridAndMergeIntoTheUnshardedOutput) {
  const std::string config = write_config("shards.toml");
  const std::string whole = uninterrupted_output(config, "whole3.jsonl");
  std::vector<std::string> shards;
  std::set<std::string> seen;
  size_t total = 0;
  for (int i = 0; i < 3; ++i) {
    shards.push_back(rdp::testing::scratch_path("shard") + std::to_string(i) + ".jsonl");
    std::remove(shards.back().c_str());
    ASSERT_EQ(run_rdpsim("sweep " + config + " --shard " + std::to_string(i) + "/3 --out " + shards.back()), 0);
    for (const auto& row : comparable_rows(shards.back())) {
      EXPECT_TRUE(seen.insert(row["point"].get<std::string>()).second) << "point in two shards";
      ++total;
    }
  }
  EXPECT_EQ(total, 9u);
  const std::string merged = rdp::testing::scratch_path("merged.jsonl");
  ASSERT_EQ(run_rdpsim("merge " + shards[2] + " " + shards[0] + " " + shards[1] + " --out " + merged), 0);
  EXPECT_EQ(comparable_rows(merged), comparable_rows(whole));
  // A missing shard is an error, and nothing is written.
  const std::string partial = rdp::testing::scratch_path("partial.jsonl");
  std::remove(partial.c_str());
  EXPECT_EQ(run_rdpsim("merge " + shards[0] + " " + shards[1] + " --out " + partial), 2);
  EXPECT_FALSE(std::ifstream(partial).good());
  EXPECT_EQ(run_rdpsim("sweep " + config + " --shard 3/3"), 2);
}

TEST(SweepRun, MalformedConfigurationExitsTwoAndWritesNothing) {
  const std::string config = rdp::testing::scratch_path("malformed.toml");
  std::ofstream(config) << "[grid]\nscheme = \"multiquan\"\nsource = \"uniform\"\nstep = 0.25\nN = 2.5\n";
  const std::string out = rdp::testing::scratch_path("malformed.jsonl");
  std::remove(out.c_str());
  EXPECT_EQ(run_rdpsim("sweep " + config + " --out " + out), 2);
  EXPECT_FALSE(std::ifstream(out).good());
}

}  // namespace
