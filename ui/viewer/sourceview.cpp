#include "sourceview.h"

#include "highlightingrepository.h"

#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>

#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMimeDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QTextBlock>
#include <QToolTip>

namespace {

using KSyntaxHighlighting::Definition;
using KSyntaxHighlighting::Theme;

// The interpreter a `#!` line names ("#!/usr/bin/env bash" -> "bash"), empty without one.
QString shebangInterpreter(const QString &text)
{
    if (!text.startsWith(QLatin1String("#!")))
        return {};
    const QString firstLine = text.mid(2, text.indexOf(QLatin1Char('\n')) - 2);
    const QStringList words = firstLine.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return {};
    QString program = QFileInfo(words.constFirst()).fileName();
    if (program == QLatin1String("env")) {
        program.clear();
        for (qsizetype i = 1; i < words.size(); ++i) {
            if (!words[i].startsWith(QLatin1Char('-')) && !words[i].contains(QLatin1Char('='))) {
                program = QFileInfo(words[i]).fileName();
                break;
            }
        }
    }
    return program;
}

Definition definitionForInterpreter(const QString &program)
{
    KSyntaxHighlighting::Repository &repository = HighlightingRepository::instance();
    static const QStringList shells{QStringLiteral("sh"), QStringLiteral("bash"), QStringLiteral("dash"), QStringLiteral("ash"), QStringLiteral("ksh")};
    if (shells.contains(program))
        return repository.definitionForName(QStringLiteral("Bash"));
    if (program.startsWith(QLatin1String("python")))
        return repository.definitionForName(QStringLiteral("Python"));
    if (program == QLatin1String("node"))
        return repository.definitionForName(QStringLiteral("JavaScript"));
    return repository.definitionForName(program); // zsh, perl, ruby, ... by their own names
}

} // namespace

// The gutter beside the text: paints what SourceView tells it to (the Qt "code editor" pattern).
class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(SourceView *view)
        : QWidget(view)
        , m_view(view)
    {
        setObjectName(QStringLiteral("lineNumberArea"));
    }
    QSize sizeHint() const override { return {m_view->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintLineNumbers(event); }
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const QString message = m_view->markMessageAt(help->pos().y());
            if (message.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), message, this);
            return true;
        }
        return QWidget::event(event);
    }

private:
    SourceView *m_view;
};

SourceView::SourceView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_lineNumberArea(new LineNumberArea(this))
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
{
    setObjectName(QStringLiteral("sourceView"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setReadOnly(true);
    setTextInteractionFlags(textInteractionFlags() | Qt::TextSelectableByKeyboard);
    // The theme goes on before any definition: a highlighter with a definition but no theme
    // paints every token in an invalid (invisible) colour (seen with KF6 6.13).
    applyTheme();
    connect(this, &QPlainTextEdit::blockCountChanged, this, &SourceView::updateLineNumberAreaWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &SourceView::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &SourceView::updateExtraSelections);
    updateLineNumberAreaWidth();
}

SourceView::~SourceView() = default;

Definition SourceView::definitionFor(const QString &fileName, const QString &text)
{
    KSyntaxHighlighting::Repository &repository = HighlightingRepository::instance();
    if (!fileName.isEmpty()) {
        const Definition byName = repository.definitionForFileName(fileName);
        if (byName.isValid())
            return byName;
    }
    const QString interpreter = shebangInterpreter(text);
    if (!interpreter.isEmpty()) {
        const Definition byInterpreter = definitionForInterpreter(interpreter);
        if (byInterpreter.isValid())
            return byInterpreter;
    }
    // What the content looks like (XML, JSON, a script), by the freedesktop.org MIME database.
    const QMimeType mime = QMimeDatabase().mimeTypeForFileNameAndData(QFileInfo(fileName).fileName(), text.left(4096).toUtf8());
    if (mime.isValid() && !mime.isDefault() && mime.name() != QLatin1String("text/plain"))
        return repository.definitionForMimeType(mime.name());
    return {};
}

void SourceView::setSource(const QString &text, const QString &fileName)
{
    m_marks.clear();
    m_highlightedLine = 0;
    const Definition definition = definitionFor(fileName, text);
    // Plain text still has a definition in the highlighter's eyes: "None" paints nothing.
    m_highlighter->setDefinition(definition);
    setPlainText(text);
    document()->setModified(false);
    updateExtraSelections();
}

Definition SourceView::definition() const
{
    return m_highlighter->definition();
}

Theme SourceView::theme() const
{
    return m_highlighter->theme();
}

QString SourceView::definitionName() const
{
    const Definition d = definition();
    return d.isValid() ? d.name() : QString();
}

QString SourceView::themeName() const
{
    return theme().name();
}

void SourceView::applyTheme()
{
    const Theme theme = HighlightingRepository::instance().themeForPalette(palette());
    if (theme.name() == m_highlighter->theme().name() && m_highlighter->theme().isValid())
        return;
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
    updateExtraSelections();
    m_lineNumberArea->update();
}

void SourceView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
    else if (event->type() == QEvent::FontChange)
        updateLineNumberAreaWidth();
}

int SourceView::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = qMax(digits, 3); // the gutter does not jump between 9 and 10 lines
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + 12;
}

void SourceView::updateLineNumberAreaWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void SourceView::updateLineNumberArea(const QRect &rect, int dy)
{
    if (dy)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateLineNumberAreaWidth();
}

void SourceView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumberArea->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

QColor SourceView::markColor(LineMark::Kind kind) const
{
    const bool dark = QColor(theme().editorColor(Theme::BackgroundColor)).lightness() < 128;
    if (kind == LineMark::Kind::Error)
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    return dark ? QColor(0xff, 0xa9, 0x4d) : QColor(0xd9, 0x6c, 0x00);
}

void SourceView::paintLineNumbers(QPaintEvent *event)
{
    const Theme t = theme();
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), QColor(t.editorColor(Theme::IconBorder)));
    const QColor numberColor(t.editorColor(Theme::LineNumbers));
    const QColor currentColor(t.editorColor(Theme::CurrentLineNumber));
    const int current = textCursor().blockNumber();
    const int width = m_lineNumberArea->width();

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const QFont normal = font();
    QFont bold = normal;
    bold.setBold(true);
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            const LineMark *mark = nullptr;
            for (const LineMark &m : std::as_const(m_marks)) {
                if (m.line == line && (!mark || m.kind == LineMark::Kind::Error))
                    mark = &m;
            }
            if (mark) {
                // A bar at the gutter's edge, so a mark is seen even where the tint is faint.
                painter.fillRect(QRect(0, top, 3, bottom - top), markColor(mark->kind));
                painter.setPen(markColor(mark->kind));
                painter.setFont(bold);
            } else {
                painter.setPen(block.blockNumber() == current ? currentColor : numberColor);
                painter.setFont(normal);
            }
            painter.drawText(0, top, width - 6, fontMetrics().height(), Qt::AlignRight, QString::number(line));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

QString SourceView::markMessageAt(int y) const
{
    const QTextBlock block = cursorForPosition(QPoint(0, y)).block();
    QStringList messages;
    for (const LineMark &m : m_marks) {
        if (m.line == block.blockNumber() + 1)
            messages << m.message;
    }
    return messages.join(QLatin1Char('\n'));
}

void SourceView::setLineMarks(const QList<LineMark> &marks)
{
    m_marks = marks;
    updateExtraSelections();
    m_lineNumberArea->update();
}

void SourceView::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const Theme t = theme();
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(QColor(t.editorColor(Theme::CurrentLine)));
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = textCursor();
        current.cursor.clearSelection();
        selections << current;
    }
    const bool dark = QColor(t.editorColor(Theme::BackgroundColor)).lightness() < 128;
    if (const QTextBlock block = document()->findBlockByNumber(m_highlightedLine - 1); m_highlightedLine > 0 && block.isValid()) {
        // The line asked for, in the theme's search highlight, under any mark it has.
        QTextEdit::ExtraSelection highlight;
        highlight.format.setBackground(QColor(t.editorColor(Theme::SearchHighlight)));
        highlight.format.setProperty(QTextFormat::FullWidthSelection, true);
        highlight.cursor = QTextCursor(block);
        selections << highlight;
    }
    // Warnings first, so an error on the same line is drawn over them.
    for (LineMark::Kind kind : {LineMark::Kind::Warning, LineMark::Kind::Error}) {
        for (const LineMark &m : std::as_const(m_marks)) {
            if (m.kind != kind)
                continue;
            const QTextBlock block = document()->findBlockByNumber(m.line - 1);
            if (!block.isValid())
                continue;
            QColor tint = markColor(kind);
            tint.setAlpha(dark ? 70 : 45);
            QTextEdit::ExtraSelection line;
            line.format.setBackground(tint);
            line.format.setProperty(QTextFormat::FullWidthSelection, true);
            line.cursor = QTextCursor(block);
            selections << line;
            // The underline is under the line's text, not the whole width.
            QTextEdit::ExtraSelection underline;
            underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            underline.format.setUnderlineColor(markColor(kind));
            underline.cursor = QTextCursor(block);
            underline.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            selections << underline;
        }
    }
    setExtraSelections(selections);
}

void SourceView::highlightLine(int line)
{
    m_highlightedLine = line > 0 ? qBound(1, line, qMax(1, blockCount())) : 0;
    if (m_highlightedLine > 0)
        goToLine(m_highlightedLine);
    updateExtraSelections();
}

void SourceView::goToLine(int line)
{
    const int clamped = qBound(1, line, qMax(1, blockCount()));
    QTextCursor cursor(document()->findBlockByNumber(clamped - 1));
    setTextCursor(cursor);
    centerCursor();
}

int SourceView::currentLineNumber() const
{
    return textCursor().blockNumber() + 1;
}
