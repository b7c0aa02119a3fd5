#pragma once

struct ReportData;
struct ReportDocument;
class ReportText;

// The status updates sent to the profile's webhooks during the deployment: their text and each
// webhook's delivery (sent, failed with the server's words, retried).
class StatusUpdatesSection
{
public:
    static void add(ReportDocument &doc, const ReportData &data, const ReportText &text);
};
