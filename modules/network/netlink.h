// netlink.h: one request/dump exchange over a netlink socket (NETLINK_ROUTE, NETLINK_SOCK_DIAG).
#pragma once

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace network_module {

// Sends `request` (a payload after the nlmsghdr) as a NLM_F_DUMP request of `type` on a new
// socket of `protocol`, and calls `visit` for every message of the answer until NLMSG_DONE.
// Returns false when the socket cannot be opened, the kernel answers NLMSG_ERROR (e.g. the
// diag module for that protocol is missing) or a read fails: the caller then falls back or
// gives zero rows. The messages are only valid during `visit`.
bool netlinkDump(int protocol, uint16_t type, const void* request, size_t request_size,
                 const std::function<void(const nlmsghdr&)>& visit);

// Iterates the rtattr list that starts `offset` bytes into a message's payload.
class AttributeReader {
 public:
  AttributeReader(const nlmsghdr& message, size_t offset);
  AttributeReader(const void* data, size_t length);
  // The next attribute, or nullptr at the end.
  const rtattr* next();

  static const void* data(const rtattr& attr) { return RTA_DATA(&attr); }
  static size_t length(const rtattr& attr) { return RTA_PAYLOAD(&attr); }
  // A fixed-size attribute value; nullopt-like false when the attribute is too short.
  template <typename T>
  static bool read(const rtattr& attr, T& out) {
    if (length(attr) < sizeof(T)) return false;
    __builtin_memcpy(&out, data(attr), sizeof(T));
    return true;
  }
  static std::string_view text(const rtattr& attr);

 private:
  const rtattr* current_;
  int remaining_;
};

}  // namespace network_module
