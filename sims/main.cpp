#include "sims/rdpsim_main.hpp"

int main(int argc, char** argv) { return rdp::rdpsim_main(argc, argv); }
