#pragma once

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Theme>

#include <QList>
#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

// A read-only (by default) source text view: monospace, a line-number gutter, syntax
// highlighting from KDE's SyntaxHighlighting with the theme that suits the palette (and
// follows it when the light/dark scheme changes), and marks for diagnostics at their lines.
class SourceView : public QPlainTextEdit
{
    Q_OBJECT
public:
    // A problem shown at a line: a tinted background with a wavy underline (errors red,
    // warnings orange), its line number in the gutter in the same colour, its message as the
    // gutter's tooltip.
    struct LineMark {
        enum class Kind { Error, Warning };
        int line = 0; // 1-based
        Kind kind = Kind::Error;
        QString message;
    };

    explicit SourceView(QWidget *parent = nullptr);
    ~SourceView() override;

    // Shows `text`, highlighted as `fileName` suggests (its name, else what the text looks
    // like, e.g. a `#!/bin/sh` line; else plain). `fileName` need not exist. Clears the marks.
    void setSource(const QString &text, const QString &fileName = {});

    // The definition chosen by name, then by content (QMimeDatabase, shebang); invalid = plain.
    static KSyntaxHighlighting::Definition definitionFor(const QString &fileName, const QString &text);

    KSyntaxHighlighting::Definition definition() const;
    KSyntaxHighlighting::Theme theme() const;
    QString definitionName() const; // empty when the text is shown plain
    QString themeName() const;

    void setLineMarks(const QList<LineMark> &marks);
    QList<LineMark> lineMarks() const { return m_marks; }
    // Moves the cursor to the start of `line` (1-based, clamped) and scrolls it into the middle.
    void goToLine(int line);
    int currentLineNumber() const;
    // Goes to `line` (as goToLine) and highlights it until another line is highlighted or
    // setSource(): where a rule or a diagnostic of the runbook's reading came from. 0 clears.
    void highlightLine(int line);
    int highlightedLine() const { return m_highlightedLine; }

    int lineNumberAreaWidth() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class LineNumberArea;
    void paintLineNumbers(QPaintEvent *event);
    QString markMessageAt(int y) const;
    void updateLineNumberAreaWidth();
    void updateLineNumberArea(const QRect &rect, int dy);
    void applyTheme();
    void updateExtraSelections();
    QColor markColor(LineMark::Kind kind) const;

    QWidget *m_lineNumberArea;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    QList<LineMark> m_marks;
    int m_highlightedLine = 0;
};
