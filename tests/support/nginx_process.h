// Runs Debian's nginx in front of a hub for tests, with the shipped site configuration
// (deploy/nginx/inspire-hub-proxy.conf and inspire-hub-upstream.conf) in a plain-HTTP server
// block on a free port of 127.0.0.1. `overrides` replace text of the shipped files (shorter
// timeouts for tests that wait for them). Stopped when destroyed.
#ifndef INSPIRE_TESTS_SUPPORT_NGINX_PROCESS_H_
#define INSPIRE_TESTS_SUPPORT_NGINX_PROCESS_H_

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "support/free_port.h"
#include "support/raw_socket.h"

namespace inspire::testing {

inline const char* kNginxBinary = "/usr/sbin/nginx";

class NginxProcess {
 public:
  // True when nginx is installed here.
  static bool Available() { return ::access(kNginxBinary, X_OK) == 0; }

  NginxProcess(int upstream_port, const std::map<std::string, std::string>& overrides) {
    char pattern[] = "/tmp/inspire-nginx-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) return;
    dir_ = pattern;
    port_ = FreePort();
    const std::string upstream = dir_ + "/inspire-hub-upstream.conf";
    Write(upstream, Shipped("inspire-hub-upstream.conf", overrides));
    std::map<std::string, std::string> proxy_overrides = overrides;
    proxy_overrides["/etc/nginx/inspire-hub-upstream.conf"] = upstream;
    Write(dir_ + "/inspire-hub-proxy.conf", Shipped("inspire-hub-proxy.conf", proxy_overrides));
    Write(dir_ + "/nginx.conf", MainConfig(upstream_port));
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kNginxBinary, kNginxBinary, "-p", dir_.c_str(), "-c", (dir_ + "/nginx.conf").c_str(),
              nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 100 && !Listening(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~NginxProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  int port() const { return Listening() ? port_ : 0; }
  std::string error_log() const {
    std::ifstream in(dir_ + "/error.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  static std::string Shipped(const std::string& name,
                             const std::map<std::string, std::string>& overrides) {
    std::ifstream in(std::string(INSPIRE_SOURCE_DIR) + "/deploy/nginx/" + name);
    std::stringstream text;
    text << in.rdbuf();
    std::string config = text.str();
    for (const auto& [from, to] : overrides) {
      for (size_t at = config.find(from); at != std::string::npos;
           at = config.find(from, at + to.size())) {
        config.replace(at, from.size(), to);
      }
    }
    return config;
  }

  std::string MainConfig(int upstream_port) const {
    std::ostringstream c;
    c << "daemon off;\nmaster_process off;\nworker_processes 1;\nworker_rlimit_nofile 16384;\n"
      << "error_log " << dir_ << "/error.log warn;\npid " << dir_ << "/nginx.pid;\n"
      << "events { worker_connections 8192; }\n"
      << "http {\n  access_log off;\n"
      << "  client_body_temp_path " << dir_ << "/body;\n  proxy_temp_path " << dir_ << "/proxy;\n"
      << "  fastcgi_temp_path " << dir_ << "/fcgi;\n  uwsgi_temp_path " << dir_ << "/uwsgi;\n"
      << "  scgi_temp_path " << dir_ << "/scgi;\n"
      << "  limit_conn_zone $binary_remote_addr zone=inspire_addr:10m;\n"
      << "  limit_req_zone $binary_remote_addr zone=inspire_signin:10m rate=30r/m;\n"
      << "  upstream inspire_hub { server 127.0.0.1:" << upstream_port << "; keepalive 32; }\n"
      << "  server {\n    listen 127.0.0.1:" << port_ << ";\n    include " << dir_
      << "/inspire-hub-proxy.conf;\n  }\n}\n";
    return c.str();
  }

  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
  }

  bool Listening() const {
    RawSocket probe("127.0.0.1", port_);
    return probe.ok();
  }

  std::string dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_NGINX_PROCESS_H_
