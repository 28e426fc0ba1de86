// A TCP port of 127.0.0.1 that nothing listens on now: bound to port 0, read back, closed. For
// helper processes (nginx, a PostgreSQL cluster) that must be told a port before they start.
#ifndef INSPIRE_TESTS_SUPPORT_FREE_PORT_H_
#define INSPIRE_TESTS_SUPPORT_FREE_PORT_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace inspire::testing {

inline int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  (void)::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  (void)::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace inspire::testing

#endif  // INSPIRE_TESTS_SUPPORT_FREE_PORT_H_
