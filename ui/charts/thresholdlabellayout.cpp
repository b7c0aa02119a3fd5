#include "thresholdlabellayout.h"

#include <algorithm>
#include <cmath>
#include <optional>

QString ThresholdLabelLayout::elide(const QString &text, double width, const Measure &measure)
{
    if (measure(text) <= width)
        return text;
    const QString ellipsis = QStringLiteral("…");
    // The longest start of the text that fits with the ellipsis.
    qsizetype lo = 0;
    qsizetype hi = text.size() - 1;
    while (lo < hi) {
        const qsizetype mid = (lo + hi + 1) / 2;
        if (measure(text.left(mid) + ellipsis) <= width)
            lo = mid;
        else
            hi = mid - 1;
    }
    // Not ending on a separator: "auto rollback > 534 ms…", not "auto rollback > 534 ms ·…".
    QString kept = text.left(lo);
    while (!kept.isEmpty() && (kept.back().isSpace() || kept.back() == QChar(0x00b7)))
        kept.chop(1);
    return kept.isEmpty() ? QString() : kept + ellipsis;
}

QList<ThresholdLabelLayout::Placed> ThresholdLabelLayout::place(const QRectF &plot, const QList<Label> &labels, double textHeight, const Measure &measure)
{
    QList<Placed> placed;
    if (plot.width() < 2 || labels.isEmpty())
        return placed;
    QList<qsizetype> order;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const double y = labels.at(i).lineY;
        if (y >= plot.top() - 0.5 && y <= plot.bottom() + 0.5)
            order << i;
    }
    std::stable_sort(order.begin(), order.end(), [&labels](qsizetype a, qsizetype b) { return labels.at(a).severity > labels.at(b).severity; });

    const double left = plot.left() + Inset;
    const double rightLimit = plot.left() + plot.width() * RightLimit;
    const auto fits = [&](const QRectF &r) {
        if (r.top() < plot.top() - 0.5 || r.bottom() > plot.bottom() + 0.5 || r.right() > rightLimit)
            return false;
        return std::none_of(placed.cbegin(), placed.cend(),
                            [&r](const Placed &p) { return p.rect.adjusted(-Clearance, 0, Clearance, 0).intersects(r); });
    };
    // Just above its line, else just below it; at the left, else beside a label placed before.
    const auto findPlace = [&](double lineY, double textWidth) -> std::optional<QRectF> {
        const QSizeF size(textWidth + 2 * Padding, textHeight);
        for (double top : {lineY - LineGap - size.height(), lineY + LineGap}) {
            if (const QRectF r(QPointF(left, top), size); fits(r))
                return r;
            for (const Placed &other : std::as_const(placed)) {
                if (const QRectF r(QPointF(other.rect.right() + Gap, top), size); fits(r))
                    return r;
            }
        }
        return std::nullopt;
    };

    for (qsizetype index : std::as_const(order)) {
        const Label &label = labels.at(index);
        QString text = label.text;
        std::optional<QRectF> rect = findPlace(label.lineY, label.textWidth);
        if (!rect && label.textWidth + 2 * Padding > rightLimit - left) {
            // Wider than the plot allows even on its own: elided, the tooltip says it whole.
            text = elide(label.text, rightLimit - left - 2 * Padding, measure);
            if (!text.isEmpty())
                rect = findPlace(label.lineY, measure(text));
        }
        if (rect) {
            placed.append({{index}, text, label.text, *rect});
            continue;
        }
        if (placed.isEmpty())
            continue; // not even the first label fits: the lines explain themselves on hover
        // No free place: it joins a placed label, the nearest to its line that has room for
        // more than its own text (at least a "…"); the host's own text is never cut. With no
        // such room anywhere, the nearest one's tooltip says it.
        QList<qsizetype> hosts;
        for (qsizetype i = 0; i < placed.size(); ++i)
            hosts << i;
        std::stable_sort(hosts.begin(), hosts.end(), [&](qsizetype a, qsizetype b) {
            return std::abs(placed.at(a).rect.center().y() - label.lineY) < std::abs(placed.at(b).rect.center().y() - label.lineY);
        });
        bool joined = false;
        for (qsizetype h : std::as_const(hosts)) {
            Placed &host = placed[h];
            const QString full = host.fullText + Separator + label.text;
            if (host.text.endsWith(QChar(0x2026))) {
                // Already shows "…": the tooltip grows.
                host.labels << index;
                host.fullText = full;
                joined = true;
                break;
            }
            // It may grow up to the limit or the next label on its row.
            double right = rightLimit;
            for (const Placed &other : std::as_const(placed)) {
                if (&other != &host && other.rect.top() < host.rect.bottom() && other.rect.bottom() > host.rect.top()
                    && other.rect.left() >= host.rect.right() - 1e-6)
                    right = std::min(right, other.rect.left() - Clearance - 0.01);
            }
            const QString text = elide(full, right - host.rect.left() - 2 * Padding, measure);
            if (text.size() <= host.text.size() || !text.startsWith(host.text))
                continue;
            host.labels << index;
            host.fullText = full;
            host.text = text;
            host.rect.setWidth(measure(text) + 2 * Padding);
            joined = true;
            break;
        }
        if (!joined) {
            Placed &host = placed[hosts.first()];
            host.labels << index;
            host.fullText += Separator + label.text;
        }
    }
    return placed;
}
