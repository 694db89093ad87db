// Linux's epoll, which Swift's Glibc module does not include; only Shared/HTTP's event loop imports it.
#include <sys/epoll.h>
