// The faultline executable: everything lives in faultline_trainer so it can be tested.
#include "trainer/cli.h"

int main(int argc, char** argv) { return fl::trainer::run_cli(argc, argv); }
