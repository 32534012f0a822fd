// An NVTX injection library for tests: loaded by NVTX when NVTX_INJECTION64_PATH names
// it, as Nsight Systems' own is, it appends "push DOMAIN: MESSAGE" and "pop DOMAIN" for
// every range to the file $RDPSIM_NVTX_LOG. tests/test_profiling.cpp reads that file to
// see the ranges a profiler would show.
#include <nvtx3/nvToolsExt.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <string>

namespace {

std::mutex mutex;
std::deque<std::string> domain_names;  // deque: a handle (a name's address) stays valid

void record(const std::string& line) {
  const char* path = std::getenv("RDPSIM_NVTX_LOG");
  if (path == nullptr) return;
  std::lock_guard<std::mutex> lock(mutex);
  if (FILE* f = std::fopen(path, "a")) {
    std::fprintf(f, "%s\n", line.c_str());
    std::fclose(f);
  }
}

std::string domain_name(nvtxDomainHandle_t domain) {
  return domain == nullptr ? "(default)" : *reinterpret_cast<const std::string*>(domain);
}

nvtxDomainHandle_t NVTX_API domain_create(const char* name) {
  std::lock_guard<std::mutex> lock(mutex);
  domain_names.emplace_back(name);
  return reinterpret_cast<nvtxDomainHandle_t>(&domain_names.back());
}

int NVTX_API range_push(nvtxDomainHandle_t domain, const nvtxEventAttributes_t* attributes) {
  const bool ascii = attributes != nullptr && attributes->messageType == NVTX_MESSAGE_TYPE_ASCII;
  record("push " + domain_name(domain) + ": " + (ascii ? attributes->message.ascii : "(not ASCII)"));
  return 0;
}

int NVTX_API range_pop(nvtxDomainHandle_t domain) {
  record("pop " + domain_name(domain));
  return 0;
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int InitializeInjectionNvtx2(NvtxGetExportTableFunc_t get_table) {
  const auto* callbacks = static_cast<const NvtxExportTableCallbacks*>(get_table(NVTX_ETID_CALLBACKS));
  NvtxFunctionTable table = nullptr;
  unsigned int size = 0;
  if (callbacks == nullptr || !callbacks->GetModuleFunctionTable(NVTX_CB_MODULE_CORE2, &table, &size) ||
      size <= NVTX_CBID_CORE2_DomainRangePop)
    return 0;
  *table[NVTX_CBID_CORE2_DomainCreateA] = reinterpret_cast<NvtxFunctionPointer>(&domain_create);
  *table[NVTX_CBID_CORE2_DomainRangePushEx] = reinterpret_cast<NvtxFunctionPointer>(&range_push);
  *table[NVTX_CBID_CORE2_DomainRangePop] = reinterpret_cast<NvtxFunctionPointer>(&range_pop);
  return 1;
}
