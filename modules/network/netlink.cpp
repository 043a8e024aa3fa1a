#include "netlink.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace network_module {

namespace {

class SocketFd {
 public:
  explicit SocketFd(int fd) : fd_(fd) {}
  ~SocketFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  SocketFd(const SocketFd&) = delete;
  SocketFd& operator=(const SocketFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// An answer that never comes must not hang a query.
constexpr int kReplyTimeoutMs = 5000;

}  // namespace

bool netlinkDump(int protocol, uint16_t type, const void* request, size_t request_size,
                 const std::function<void(const nlmsghdr&)>& visit) {
  SocketFd sock(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol));
  if (sock.get() < 0) return false;
  // A big receive buffer lets the kernel fill each read with many messages.
  int rcvbuf = 1 << 20;
  ::setsockopt(sock.get(), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));

  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  std::vector<char> out(NLMSG_LENGTH(request_size), 0);
  auto* header = reinterpret_cast<nlmsghdr*>(out.data());
  header->nlmsg_len = static_cast<uint32_t>(out.size());
  header->nlmsg_type = type;
  header->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  header->nlmsg_seq = 1;
  std::memcpy(NLMSG_DATA(header), request, request_size);
  if (::sendto(sock.get(), out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof(kernel)) < 0) {
    return false;
  }

  // 32 KiB per read is what the kernel fills at most for dumps (one skb per recv).
  alignas(nlmsghdr) static thread_local char buffer[65536];
  while (true) {
    pollfd pfd{sock.get(), POLLIN, 0};
    int ready = ::poll(&pfd, 1, kReplyTimeoutMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    ssize_t n = ::recv(sock.get(), buffer, sizeof(buffer), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return false;
    int remaining = static_cast<int>(n);
    for (auto* msg = reinterpret_cast<const nlmsghdr*>(buffer); NLMSG_OK(msg, remaining);
         msg = NLMSG_NEXT(msg, remaining)) {
      if (msg->nlmsg_seq != 1) continue;
      if (msg->nlmsg_type == NLMSG_DONE) return true;
      if (msg->nlmsg_type == NLMSG_ERROR) return false;
      visit(*msg);
    }
  }
}

AttributeReader::AttributeReader(const nlmsghdr& message, size_t offset) {
  size_t payload = message.nlmsg_len >= NLMSG_LENGTH(0) ? message.nlmsg_len - NLMSG_LENGTH(0) : 0;
  size_t start = NLMSG_ALIGN(offset);
  if (start > payload) start = payload;
  current_ =
      reinterpret_cast<const rtattr*>(static_cast<const char*>(NLMSG_DATA(&message)) + start);
  remaining_ = static_cast<int>(payload - start);
}

AttributeReader::AttributeReader(const void* data, size_t length)
    : current_(static_cast<const rtattr*>(data)), remaining_(static_cast<int>(length)) {}

const rtattr* AttributeReader::next() {
  if (!RTA_OK(current_, remaining_)) return nullptr;
  const rtattr* attr = current_;
  current_ = RTA_NEXT(current_, remaining_);
  return attr;
}

std::string_view AttributeReader::text(const rtattr& attr) {
  const char* p = static_cast<const char*>(data(attr));
  size_t n = length(attr);
  size_t len = ::strnlen(p, n);
  return std::string_view(p, len);
}

}  // namespace network_module
