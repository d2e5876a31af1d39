// One Catch2 runner for every test executable. Qt renders offscreen and libsodium is initialised before any test.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "secure_buffer.h"

#include <cstdlib>

int main(int argc, char *argv[])
{
    ::setenv("QT_QPA_PLATFORM", "offscreen", 0);
    if (!triad::crypto::initialize()) return 2;
    return Catch::Session().run(argc, argv);
}
