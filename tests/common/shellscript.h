#pragma once
// A test's shell script: "#!/bin/sh", the body, executable unless asked otherwise. Returns the
// path, or an empty string when it cannot be written (the test's QVERIFY on the result fails).
#include <QByteArray>
#include <QFile>
#include <QString>

inline QString writeShellScript(const QString &path, const QByteArray &body, bool executable = true)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\n" + body + '\n');
    f.close();
    QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner;
    if (executable)
        permissions |= QFile::ExeOwner;
    f.setPermissions(permissions);
    return path;
}
