#pragma once
// A hand-sized Curtois instance shared by the reader, evaluator and solver tests.

namespace vstation::roster::testing {

// One week, two shift types (L may not be followed by E), three employees.
inline constexpr const char* kTinyInstance = R"(# tiny instance for tests
SECTION_HORIZON
7

SECTION_SHIFTS
# ShiftID, Length in mins, Shifts which cannot follow this shift | separated
E,480,
L,480,E

SECTION_STAFF
A,E=7|L=7,2400,960,3,2,2,1
B,E=6|L=0,2400,0,5,1,1,1
C,E=7|L=7,2400,0,5,1,1,0

SECTION_DAYS_OFF
A,6

SECTION_SHIFT_ON_REQUESTS
A,0,E,2
B,3,E,1

SECTION_SHIFT_OFF_REQUESTS
A,2,L,3

SECTION_COVER
0,E,1,100,1
1,E,1,100,5
2,L,1,100,1
3,E,2,100,1
)";

}  // namespace vstation::roster::testing
