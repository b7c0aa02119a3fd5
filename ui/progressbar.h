#pragma once

#include <QProgressBar>

// A progress bar whose text reads in one colour from end to end. Fusion draws the part of the
// text over the filled chunk in the highlighted-text colour and the rest in the text colour, so
// a label crossing the chunk's edge looks cut in two ("Overa|ll 0 of 164 done"). Here the chunk
// is a tint of the highlight colour towards the base, light enough for the ordinary text colour
// on it in the light and the dark scheme, and the text is drawn in that colour throughout.
class ProgressBar : public QProgressBar
{
    Q_OBJECT
public:
    using QProgressBar::QProgressBar;

    // The palette the bar is drawn with, made from `palette`: for tests and for other bars.
    static QPalette drawingPalette(const QPalette &palette);

protected:
    void paintEvent(QPaintEvent *event) override;
};
