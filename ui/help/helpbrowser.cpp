#include "helpbrowser.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

HelpBrowser::HelpBrowser(QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
    , m_back(new QPushButton(tr("&Back"), this))
    , m_forward(new QPushButton(tr("&Forward"), this))
    , m_note(new QLabel(this))
{
    setWindowTitle(tr("StoneCaster Deploy Console: user guide"));
    setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setObjectName(QStringLiteral("helpText"));
    m_browser->setAccessibleName(tr("User guide"));
    // Links are followed here: the guide's own pages inside, the web outside, nothing else.
    m_browser->setOpenLinks(false);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &HelpBrowser::follow);

    auto *contents = new QPushButton(tr("&Contents"), this);
    contents->setObjectName(QStringLiteral("helpContents"));
    connect(contents, &QPushButton::clicked, this, [this] { showPage(QStringLiteral("README.md")); });
    m_back->setEnabled(false);
    m_forward->setEnabled(false);
    connect(m_back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(m_forward, &QPushButton::clicked, m_browser, &QTextBrowser::forward);
    connect(m_browser, &QTextBrowser::backwardAvailable, m_back, &QPushButton::setEnabled);
    connect(m_browser, &QTextBrowser::forwardAvailable, m_forward, &QPushButton::setEnabled);

    m_note->setObjectName(QStringLiteral("helpNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);

    auto *navigation = new QHBoxLayout;
    navigation->addWidget(m_back);
    navigation->addWidget(m_forward);
    navigation->addWidget(contents);
    navigation->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(navigation);
    layout->addWidget(m_browser, 1);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    resize(860, 720);
}

QUrl HelpBrowser::pageUrl(const QString &page)
{
    return QUrl(QStringLiteral("qrc:/docs/") + page);
}

void HelpBrowser::showPage(const QString &page)
{
    follow(pageUrl(page));
}

QUrl HelpBrowser::source() const
{
    return m_browser->source();
}

void HelpBrowser::follow(const QUrl &link)
{
    m_note->hide();
    const QUrl target = m_browser->source().isEmpty() || !link.isRelative() ? link : m_browser->source().resolved(link);
    if (target.scheme() == u"http" || target.scheme() == u"https" || target.scheme() == u"mailto") {
        QDesktopServices::openUrl(target);
        return;
    }
    if (target.scheme() == u"qrc" && QFile::exists(QLatin1Char(':') + target.path())) {
        // A link within the page ("#...") only moves there; another page is loaded as Markdown.
        if (target.adjusted(QUrl::RemoveFragment) == m_browser->source().adjusted(QUrl::RemoveFragment) && target.hasFragment())
            m_browser->scrollToAnchor(target.fragment());
        else
            m_browser->setSource(target, QTextDocument::MarkdownResource);
        return;
    }
    // The guide links to the repository's README and sources too; those are not part of it.
    m_note->setText(tr("\"%1\" is not part of the user guide: it is in the project's source repository.").arg(link.toString()));
    m_note->show();
}
