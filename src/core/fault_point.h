// Fault injection for the tests that prove a write lands whole or not at all. A fault point is a
// named place in a long write; when the environment variable INSPIRE_FAULT is "NAME=N" at start,
// the N-th pass through the point named NAME kills the process with SIGKILL, as a power cut or
// the kernel's OOM killer would, at exactly that place. Without the variable a pass costs one
// comparison. The variable is the operator's, never a client's.
#ifndef INSPIRE_CORE_FAULT_POINT_H_
#define INSPIRE_CORE_FAULT_POINT_H_

#include <string_view>

namespace inspire::core {

// Names of the fault points (the value before '=' in INSPIRE_FAULT).
inline constexpr std::string_view kFaultImportRecord = "import.record";  // after each record

// Counts a pass through the point `name`; kills the process on the pass INSPIRE_FAULT names.
// Thread-safe: passes from several threads are counted once each.
void FaultPoint(std::string_view name);

}  // namespace inspire::core

#endif  // INSPIRE_CORE_FAULT_POINT_H_
