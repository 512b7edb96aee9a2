#pragma once
// The words the generator draws from: names, places, project themes and service-log notes.
// Everything here is made up; any resemblance to a real person is accidental.

#include <cstddef>
#include <string_view>

namespace gen {

enum class Cat {
  emergency_aid,
  rescue_assist,
  traffic_persuasion,
  legal_consultation,
  psychological_support,
  learning_exchange,
  convenience_service,
  training,
  other
};
const char* code_of(Cat c);

// A themed project that recurs on the calendar every year (month/day of its first day).
struct Theme {
  int month, day, length;  // first day and length in days
  Cat cat;
  int slot;  // preferred shift of the day: 0 = 08–12, 1 = 12–16, 2 = 16–20
  double p;  // chance it runs on a given day of its span (the last day always runs)
  const char* name;
  const char* description;
};

template <class T>
struct List {
  const T* items;
  std::size_t size;
  const T& operator[](std::size_t i) const { return items[i]; }
};

List<Theme> themes();

// Standing projects of every station, in code order (P001…).
struct Standing {
  Cat cat;
  const char* name;
  const char* description;
};
List<Standing> standing_projects();

List<const char*> surnames();
List<const char*> male_given();
List<const char*> female_given();
List<const char*> area_codes();      // 6-digit resident-ID area prefixes
List<const char*> phone_prefixes();  // 3-digit mobile prefixes
List<const char*> streets();         // Longgang district streets, for --scale station names
List<const char*> training_topics();

// Service-log note templates by situation.
List<const char*> emergency_notes();
List<const char*> rescue_notes();
List<const char*> legal_notes();
List<const char*> counseling_notes();
List<const char*> late_notes();
List<const char*> early_leave_notes();
List<const char*> split_notes();

}  // namespace gen
