// The demo hub (`inspire serve --demo`): fills an empty database with a realistic, clearly
// fictional set of records — organisations of every type with made-up names and .example web
// addresses, their activities across 20 real countries, needs and offers of support with some
// matches, and estimates for 12 of the countries made by running the estimator on synthetic
// surveys (three rounds each, so there are trends), with baselines and targets, and fictional
// studies of what works (demo_studies.h), implementation rounds (demo_implementation.h) and the
// working group's work plan, meetings, decisions and actions (demo_working_group.h).
#ifndef INSPIRE_CLI_DEMO_H_
#define INSPIRE_CLI_DEMO_H_

#include <filesystem>
#include <string>

#include "catalogue/catalogue.h"
#include "cli/demo_library.h"
#include "cli/demo_membership.h"
#include "cli/demo_working_group.h"
#include "core/error.h"
#include "store/database.h"

namespace inspire::cli {

struct DemoSummary {
  bool filled = false;  // false: the database already held records and was left as is
  int organizations = 0, activities = 0, needs = 0, offers = 0, matches = 0, surveys = 0,
      estimates = 0, targets = 0, studies = 0, rounds = 0;
  DemoWorkingGroup working_group;           // objectives, meetings, decisions, actions
  DemoMembership membership;                // applications, votes, assignments, followers
  DemoLibrary library;                      // library items and their files
  std::string admin_email, admin_password;  // a demo admin with a new random password
};

// All in one transaction: on any error the database is left as it was. Deterministic except for
// the admin password and the timestamps.
core::Result<DemoSummary> FillDemo(store::Connection& db, const catalogue::Catalogue& catalogue,
                                   const std::filesystem::path& data_dir);

}  // namespace inspire::cli

#endif  // INSPIRE_CLI_DEMO_H_
