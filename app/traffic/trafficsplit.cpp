#include "trafficsplit.h"

#include <cmath>

TrafficSplit TrafficSplit::fromGreenPercent(int greenPercent)
{
    return {100 - greenPercent, greenPercent};
}

Result<TrafficSplit> TrafficSplit::fromWeights(int blueWeight, int greenWeight)
{
    if (blueWeight < 0 || greenWeight < 0)
        return Result<TrafficSplit>::failure(
            QStringLiteral("weights cannot be negative (blue %1, green %2)").arg(blueWeight).arg(greenWeight));
    if (blueWeight == 0 && greenWeight == 0)
        return Result<TrafficSplit>::failure(
            QStringLiteral("blue and green both have weight 0, so no server takes requests"));
    const int green = int(std::lround(100.0 * greenWeight / (double(blueWeight) + greenWeight))); // no int overflow
    return TrafficSplit{100 - green, green};
}

QString TrafficSplit::substitute(QString text) const
{
    text.replace(QLatin1String("${blue}"), QString::number(bluePercent));
    text.replace(QLatin1String("${green}"), QString::number(greenPercent));
    return text;
}
