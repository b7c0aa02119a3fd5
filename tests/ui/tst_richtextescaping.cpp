// Runbook, note, operator and server text is shown as text, never interpreted as HTML: every
// label that renders rich text holds it escaped, tooltips too, the reference panel's Markdown
// keeps HTML in the runbook as text, and the message banner shows a proxy's error page as
// the text it is. The window is walked as a whole, so a new label with such text is checked too.
#include "windowfixture.h"

#include "charts/chartheader.h"
#include "metrics/samplestore.h"
#include "procedure/procedureset.h"
#include "runbook/runbookloader.h"

#include <QListWidget>
#include <QTextBrowser>

namespace {

// What the test puts where text from outside goes; rendered as HTML each would show as
// bold text, an image or a link instead of these characters.
const QString Tag = QStringLiteral("<b>bold</b>");
const QString Image = QStringLiteral("<img src=\"file:///etc/hostname\">");
const QString Link = QStringLiteral("<a href=\"https://evil.example/\">click</a>");

bool rendersRich(Qt::TextFormat format, const QString &text)
{
    return format == Qt::RichText || (format == Qt::AutoText && Qt::mightBeRichText(text));
}

bool holdsRawMarkup(const QString &text)
{
    return text.contains(Tag) || text.contains(Image) || text.contains(Link) || text.contains(QLatin1String("<h1>"));
}

// Every place under `root` where outside text would be read as HTML.
QStringList violations(QWidget *root)
{
    QStringList found;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : std::as_const(widgets)) {
        const QString name = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
        if (auto *label = qobject_cast<QLabel *>(w); label && rendersRich(label->textFormat(), label->text()) && holdsRawMarkup(label->text()))
            found << QStringLiteral("label %1: %2").arg(name, label->text());
        if (Qt::mightBeRichText(w->toolTip()) && holdsRawMarkup(w->toolTip()))
            found << QStringLiteral("tooltip of %1: %2").arg(name, w->toolTip());
        if (auto *view = qobject_cast<QAbstractItemView *>(w); view && view->model()) {
            QList<QModelIndex> pending{QModelIndex()};
            while (!pending.isEmpty()) {
                const QModelIndex parent = pending.takeLast();
                for (int r = 0; r < view->model()->rowCount(parent); ++r) {
                    for (int c = 0; c < view->model()->columnCount(parent); ++c) {
                        const QModelIndex i = view->model()->index(r, c, parent);
                        const QString tip = i.data(Qt::ToolTipRole).toString();
                        if (Qt::mightBeRichText(tip) && holdsRawMarkup(tip))
                            found << QStringLiteral("tooltip of %1 row %2: %3").arg(name).arg(r).arg(tip);
                        if (c == 0)
                            pending << i;
                    }
                }
            }
        }
    }
    return found;
}

} // namespace

class TestRichTextEscaping : public QObject, protected WindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestMode(); }
    void init() { setUpWindowTest(); }
    void cleanup() { tearDownWindowTest(); }

    void outsideTextIsNeverMarkup()
    {
        // A runbook whose items and a reference section carry markup.
        QString text = RunbookLoader::bundledText();
        text.replace(QStringLiteral("Verify staging environment is ready"), QStringLiteral("Verify staging %1 %2 %3 is ready").arg(Tag, Image, Link));
        text += QStringLiteral("\n## Contacts\n\nOn call: %1 %2 %3\n").arg(Tag, Image, Link);
        const QString runbookPath = m_dir->filePath(QStringLiteral("runbook.md"));
        QFile f(runbookPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();

        ConsoleWindow window(m_settings.get(), m_clock.get());
        MainWindow::Options options;
        options.runbookPath = runbookPath;
        options.journalPath = journalPath();
        options.operatorName = Tag;
        QVERIFY(window->initialize(options));
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window.session()->startDeployment(Tag, Link, Tag).ok());
        Deployment *d = window.session()->deployment();
        QVERIFY(d);
        const QString item = d->runbook().checkableItems().first()->id;
        QVERIFY(d->setNote(item, Link).ok());
        QVERIFY(d->skip(d->runbook().checkableItems().at(1)->id, Tag + Image).ok());
        QVERIFY(d->check(d->runbook().checkableItems().at(2)->id).ok());
        // Server text arriving as a failure: a proxy's error page.
        Q_EMIT window.session()->failure(Phrase::verbatim(QStringLiteral("Prometheus answered HTTP 502: <html><body><h1>502 Bad Gateway</h1>%1 %2</body></html>").arg(Image, Link)));
        QCoreApplication::processEvents();
        for (int i = 0; i < window->tabWidget()->count(); ++i) {
            window->tabWidget()->setCurrentIndex(i);
            QCoreApplication::processEvents();
            const QStringList found = violations(window.get());
            QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        }
        const auto *banner = window->banner();
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("<h1>502 Bad Gateway</h1>")), qPrintable(banner->text()));
    }

    // The reference panel's Markdown: raw HTML in a runbook stays text.
    void referenceMarkdownKeepsHtmlAsText()
    {
        const QString text = RunbookLoader::bundledText() + QStringLiteral("\n## Contacts\n\nOn call: %1 %2\n").arg(Tag, Image);
        const QString runbookPath = m_dir->filePath(QStringLiteral("reference.md"));
        QFile f(runbookPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();
        ConsoleWindow window(m_settings.get(), m_clock.get());
        MainWindow::Options options;
        options.runbookPath = runbookPath;
        options.journalPath = journalPath();
        QVERIFY(window->initialize(options));
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTextBrowser *shown = nullptr;
        for (QTextBrowser *browser : window->findChildren<QTextBrowser *>()) {
            // Every reference section in turn, until the one with the contacts.
            if (auto *list = browser->parentWidget()->findChild<QListWidget *>()) {
                for (int i = 0; i < list->count() && !shown; ++i) {
                    list->setCurrentRow(i);
                    QCoreApplication::processEvents();
                    if (browser->toPlainText().contains(QLatin1String("On call")))
                        shown = browser;
                }
            }
        }
        QVERIFY2(shown, "the reference section with the contacts was not found");
        QVERIFY2(shown->toPlainText().contains(Tag), qPrintable(shown->toPlainText()));
        QVERIFY2(shown->toPlainText().contains(Image), qPrintable(shown->toPlainText()));
    }

    // A chart's fetch error is Prometheus's (or a proxy's) text.
    void chartErrorsAreText()
    {
        ChartHeader header(Metric::ErrorRate);
        SampleStore store;
        store.setError({Metric::ErrorRate, Color::Green}, Phrase::verbatim(QStringLiteral("HTTP 502: <html><h1>Bad Gateway</h1>%1</html>").arg(Link)));
        header.showSamples(&store, 0, {Tag});
        const QStringList found = violations(&header);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }
};

QTEST_MAIN(TestRichTextEscaping)
#include "tst_richtextescaping.moc"
