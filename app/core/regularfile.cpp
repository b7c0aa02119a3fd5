#include "regularfile.h"

#include <QFile>

#include <algorithm>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString kindOf(mode_t mode)
{
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    return QStringLiteral("not a file");
}

} // namespace

RegularFile RegularFile::read(const QString &path, qint64 maxBytes, bool cut)
{
    RegularFile file;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        file.problem = error == ENOENT ? Problem::Missing : error == EISDIR ? Problem::Directory : Problem::Unreadable;
        file.detail = QString::fromLocal8Bit(std::strerror(error));
        return file;
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        file.problem = S_ISDIR(info.st_mode) ? Problem::Directory : Problem::NotRegular;
        file.detail = kindOf(info.st_mode);
        ::close(fd);
        return file;
    }
    file.size = info.st_size;
    if (file.size > maxBytes && !cut) {
        file.problem = Problem::TooLarge;
        ::close(fd);
        return file;
    }
    QFile f;
    if (!f.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        file.problem = Problem::Unreadable;
        file.detail = f.errorString();
        ::close(fd);
        return file;
    }
    file.bytes = f.read(maxBytes + 1); // one more: a file growing past the limit meanwhile
    if (f.error() != QFileDevice::NoError) {
        file.problem = Problem::Unreadable;
        file.detail = f.errorString();
        file.bytes.clear();
    } else if (file.bytes.size() > maxBytes && cut) {
        file.size = std::max<qint64>(file.size, file.bytes.size());
        file.bytes.truncate(maxBytes);
    } else if (file.bytes.size() > maxBytes) {
        file.problem = Problem::TooLarge;
        file.size = file.bytes.size();
        file.bytes.clear();
    }
    return file;
}
