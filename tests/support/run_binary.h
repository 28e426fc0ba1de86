// Runs the real `inspire` binary (or any program) with arguments, no shell involved, and
// captures its exit code, stdout and stderr. For CLI tests.
#ifndef INSPIRE_TESTS_SUPPORT_RUN_BINARY_H_
#define INSPIRE_TESTS_SUPPORT_RUN_BINARY_H_

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"

namespace inspire::testing {

struct RunOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `program args...` with stdin from /dev/null; `env` entries ("K=V") are added.
inline RunOutput RunProgram(const std::string& program, const std::vector<std::string>& args,
                            const std::vector<std::string>& env = {}) {
  TempDir dir;
  const auto out_path = dir.path() / "stdout";
  const auto err_path = dir.path() / "stderr";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    for (const auto& entry : env) ::putenv(const_cast<char*>(entry.c_str()));
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunOutput result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = Slurp(out_path);
  result.err = Slurp(err_path);
  return result;
}

// Runs the `inspire` binary built with the tests.
inline RunOutput RunInspire(const std::vector<std::string>& args,
                            const std::vector<std::string>& env = {}) {
  return RunProgram(INSPIRE_BINARY, args, env);
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_RUN_BINARY_H_
