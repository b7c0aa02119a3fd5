// ThresholdLabelLayout: where the threshold labels go, as pure geometry with a made-up font of
// 5 px a character and 12 px lines.
#include "charts/thresholdlabellayout.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

namespace {

constexpr double TextHeight = 12;
constexpr double CharWidth = 5;

double measure(const QString &text)
{
    return CharWidth * double(text.size());
}

ThresholdLabelLayout::Label label(const QString &text, double lineY, int severity)
{
    return {text, lineY, severity, measure(text)};
}

using Placed = ThresholdLabelLayout::Placed;

QString describe(const QList<Placed> &placed)
{
    QStringList parts;
    for (const Placed &p : placed)
        parts << QStringLiteral("\"%1\" at %2,%3 %4x%5").arg(p.text).arg(p.rect.x()).arg(p.rect.y()).arg(p.rect.width()).arg(p.rect.height());
    return parts.join(QStringLiteral("; "));
}

} // namespace

class TestThresholdLabelLayout : public QObject
{
    Q_OBJECT

    // What every layout must be: inside the plot and left of the limit, no two boxes touching,
    // each box as wide as its text, and an elided text ending in "…".
    static void checkSound(const QRectF &plot, const QList<Placed> &placed)
    {
        const double rightLimit = plot.left() + plot.width() * ThresholdLabelLayout::RightLimit;
        for (qsizetype i = 0; i < placed.size(); ++i) {
            const Placed &p = placed.at(i);
            const QString what = describe(placed);
            QVERIFY2(p.rect.top() >= plot.top() - 0.5 && p.rect.bottom() <= plot.bottom() + 0.5, qPrintable(what));
            QVERIFY2(p.rect.left() >= plot.left() && p.rect.right() <= rightLimit + 1e-9, qPrintable(what));
            QVERIFY2(std::abs(p.rect.width() - (measure(p.text) + 2 * ThresholdLabelLayout::Padding)) < 1e-9, qPrintable(what));
            // Whole, elided, or whole with more in the tooltip (no room for even a "…").
            QVERIFY2(p.text == p.fullText || p.text.endsWith(QStringLiteral("…")) || p.fullText.startsWith(p.text + ThresholdLabelLayout::Separator),
                     qPrintable(what));
            for (qsizetype j = i + 1; j < placed.size(); ++j)
                QVERIFY2(!p.rect.intersects(placed.at(j).rect), qPrintable(what));
        }
    }

private Q_SLOTS:
    void placement_data()
    {
        QTest::addColumn<QRectF>("plot");
        QTest::addColumn<QList<ThresholdLabelLayout::Label>>("labels");
        QTest::addColumn<QStringList>("texts");   // what is drawn, in the order placed
        QTest::addColumn<QList<QPointF>>("where"); // each box's top left
        const QRectF wide(40, 10, 300, 100);
        QTest::newRow("above its line, at the left") << wide << QList{label(QStringLiteral("auto rollback > 2 %"), 60, 5)}
                                                     << QStringList{QStringLiteral("auto rollback > 2 %")} << QList<QPointF>{{44, 47}};
        QTest::newRow("at the top: below its line") << wide << QList{label(QStringLiteral("auto rollback > 2 %"), 12, 5)}
                                                    << QStringList{QStringLiteral("auto rollback > 2 %")} << QList<QPointF>{{44, 13}};
        QTest::newRow("close lines: side by side, the severe one first")
            << wide << QList{label(QStringLiteral("target < 1 %"), 52, 0), label(QStringLiteral("decision > 1 %"), 50, 4)}
            << QStringList{QStringLiteral("decision > 1 %"), QStringLiteral("target < 1 %")} << QList<QPointF>{{44, 37}, {44 + 76 + 8, 39}};
        QTest::newRow("a line outside the plot has no label")
            << wide << QList{label(QStringLiteral("critical > 2000 ms"), 130, 3), label(QStringLiteral("target < 500 ms"), 80, 0)}
            << QStringList{QStringLiteral("target < 500 ms")} << QList<QPointF>{{44, 67}};
        // The narrow side panel: a target just under the rollback line finds no place of its own.
        const QRectF narrow(0, 0, 200, 40);
        QTest::newRow("no place of its own: joins the nearest label")
            << narrow << QList{label(QStringLiteral("target < 500 ms"), 14, 0), label(QStringLiteral("auto rollback > 534 ms"), 8, 5)}
            << QStringList{QStringLiteral("auto rollback > 534 ms…")} << QList<QPointF>{{4, 9}};
        // As in the side panel's p95 chart: the decision label sits beside the rollback label,
        // the target finds no place; the rollback label's own text stays whole, the target joins
        // the next nearest label with room for it.
        QTest::newRow("joins a label with room, never cutting another's text")
            << QRectF(0, 0, 320, 60)
            << QList{label(QStringLiteral("auto rollback > 540 ms"), 8, 5), label(QStringLiteral("decision > 360 ms"), 30, 4),
                     label(QStringLiteral("target < 500 ms"), 10, 0)}
            << QStringList{QStringLiteral("auto rollback > 540 ms"), QStringLiteral("decision > 360 ms…")} << QList<QPointF>{{4, 9}, {128, 17}};
        QTest::newRow("too wide for the plot: elided")
            << QRectF(0, 0, 120, 60) << QList{label(QStringLiteral("auto rollback > 3× normal = 538.725 ms"), 40, 5)}
            << QStringList{QStringLiteral("auto rollback…")} << QList<QPointF>{{4, 27}};
    }
    void placement()
    {
        QFETCH(QRectF, plot);
        QFETCH(QList<ThresholdLabelLayout::Label>, labels);
        QFETCH(QStringList, texts);
        QFETCH(QList<QPointF>, where);
        const QList<Placed> placed = ThresholdLabelLayout::place(plot, labels, TextHeight, measure);
        checkSound(plot, placed);
        QStringList drawn;
        QList<QPointF> corners;
        for (const Placed &p : placed) {
            drawn << p.text;
            corners << p.rect.topLeft();
        }
        QCOMPARE(drawn, texts);
        QCOMPARE(corners, where);
    }

    // The joined label's tooltip says every line it stands for.
    void aJoinedLabelSaysEverythingInItsTooltip()
    {
        const QList labels{label(QStringLiteral("target < 500 ms"), 14, 0), label(QStringLiteral("auto rollback > 534 ms"), 8, 5)};
        const QList<Placed> placed = ThresholdLabelLayout::place(QRectF(0, 0, 200, 40), labels, TextHeight, measure);
        QCOMPARE(placed.size(), 1);
        QCOMPARE(placed.first().labels, (QList<qsizetype>{1, 0}));
        QCOMPARE(placed.first().fullText, QStringLiteral("auto rollback > 534 ms · target < 500 ms"));
        // With room to the right, it has a place of its own beside the other.
        const QList<Placed> roomy = ThresholdLabelLayout::place(QRectF(0, 0, 400, 40), labels, TextHeight, measure);
        checkSound(QRectF(0, 0, 400, 40), roomy);
        QCOMPARE(roomy.size(), 2);
        QCOMPARE(roomy.at(1).text, QStringLiteral("target < 500 ms"));
        QCOMPARE(roomy.at(1).rect.left(), roomy.at(0).rect.right() + ThresholdLabelLayout::Gap);
    }

    void elide()
    {
        QCOMPARE(ThresholdLabelLayout::elide(QStringLiteral("target < 500 ms"), 75, measure), QStringLiteral("target < 500 ms"));
        QCOMPARE(ThresholdLabelLayout::elide(QStringLiteral("target < 500 ms"), 40, measure), QStringLiteral("target…"));
        QCOMPARE(ThresholdLabelLayout::elide(QStringLiteral("ab · cd"), 26, measure), QStringLiteral("ab…"));
        QCOMPARE(ThresholdLabelLayout::elide(QStringLiteral("target"), 7, measure), QString());
    }

    // Many made-up charts: whatever the lines, texts and size, the layout is sound, and when the
    // plot is tall enough for one label beside any line, every label in it is shown, alone or
    // joined to another.
    void soundForAnyLines()
    {
        QRandomGenerator rng(20261206);
        for (int round = 0; round < 2000; ++round) {
            const QRectF plot(rng.bounded(50), rng.bounded(20), 60 + rng.bounded(600), 20 + rng.bounded(300));
            QList<ThresholdLabelLayout::Label> labels;
            const int count = 1 + int(rng.bounded(8));
            for (int i = 0; i < count; ++i) {
                const int length = 4 + int(rng.bounded(40));
                QString text;
                for (int c = 0; c < length; ++c)
                    text += QChar(c % 7 == 3 ? u' ' : QChar(u'a' + rng.bounded(26)));
                const double y = plot.top() - 10 + rng.generateDouble() * (plot.height() + 20);
                labels << label(text, y, int(rng.bounded(6)));
            }
            const QList<Placed> placed = ThresholdLabelLayout::place(plot, labels, TextHeight, measure);
            checkSound(plot, placed);
            if (QTest::currentTestFailed())
                return;
            if (plot.height() < 2 * TextHeight + 2 || plot.width() * ThresholdLabelLayout::RightLimit < 40)
                continue;
            QList<int> shown(labels.size(), 0);
            for (const Placed &p : placed) {
                for (qsizetype i : p.labels)
                    ++shown[i];
            }
            for (qsizetype i = 0; i < labels.size(); ++i) {
                const bool inside = labels.at(i).lineY >= plot.top() - 0.5 && labels.at(i).lineY <= plot.bottom() + 0.5;
                QVERIFY2(shown.at(i) == (inside ? 1 : 0), qPrintable(QStringLiteral("round %1, label %2: shown %3 times; %4").arg(round).arg(i).arg(shown.at(i)).arg(describe(placed))));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestThresholdLabelLayout)
#include "tst_thresholdlabellayout.moc"
