#pragma once
/// \file Includes the control-room view for render/ and trainer/app/. TEMPORARY: issue 8's first
/// cut of sim/control/control_room.h declares enumerators `kNone` that shadow the constant
/// control::kNone under -Wshadow; drop this wrapper once that header compiles cleanly.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include "sim/control/control_room.h"
#pragma GCC diagnostic pop
