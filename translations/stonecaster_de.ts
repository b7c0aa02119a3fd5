<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1 (kompiliert mit Qt %2)</translation>
    </message>
    <message>
        <source>KDE Frameworks SyntaxHighlighting: built with %1</source>
        <translation>KDE Frameworks SyntaxHighlighting: kompiliert mit %1</translation>
    </message>
    <message>
        <source>KDE Frameworks SyntaxHighlighting %1 (built with %2)</source>
        <translation>KDE Frameworks SyntaxHighlighting %1 (kompiliert mit %2)</translation>
    </message>
    <message>
        <source>About StoneCaster Deploy Console</source>
        <translation>Über StoneCaster Deploy Console</translation>
    </message>
    <message>
        <source>StoneCaster Deploy Console %1</source>
        <translation>StoneCaster Deploy Console %1</translation>
    </message>
    <message>
        <source>Blue/green deployments run from your team&apos;s own runbook: checklists, a traffic gate on live metrics, automatic rollback and guided rollback procedures, every action journaled.</source>
        <translation>Blue/Green-Deployments nach dem eigenen Runbook Ihres Teams: Checklisten, ein Traffic-Gate auf Live-Metriken, automatischer Rollback und geführte Rollback-Prozeduren, jede Aktion im Journal festgehalten.</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <source>The user guide is built in (Help &gt; User guide, F1) and installed in %1.</source>
        <translation>Das Benutzerhandbuch ist eingebaut (Hilfe &gt; Benutzerhandbuch, F1) und unter %1 installiert.</translation>
    </message>
    <message>
        <source>The user guide is built in: Help &gt; User guide (F1).</source>
        <translation>Das Benutzerhandbuch ist eingebaut: Hilfe &gt; Benutzerhandbuch (F1).</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>KDE Frameworks Notifications: built with %1</source>
        <translation>KDE Frameworks Notifications: kompiliert mit %1</translation>
    </message>
    <message>
        <source>KDE Frameworks Notifications %1 (built with %2)</source>
        <translation>KDE Frameworks Notifications %1 (kompiliert mit %2)</translation>
    </message>
</context>
<context>
    <name>ActionBinding</name>
    <message>
        <source>sends all traffic to blue and waits until green is observed at 0 %</source>
        <translation>schickt den ganzen Traffic auf Blau und wartet, bis Grün bei 0 % beobachtet wird</translation>
    </message>
    <message>
        <source>watches blue for %1 min: every decision point and automatic trigger must hold</source>
        <translation>beobachtet Blau %1 min lang: jeder Entscheidungspunkt und jeder automatische Trigger muss halten</translation>
    </message>
    <message>
        <source>checks %1 answer 2xx</source>
        <translation>prüft %1 auf 2xx-Antworten</translation>
    </message>
    <message>
        <source>GET %1, expects %2</source>
        <translation>GET %1, erwartet %2</translation>
    </message>
    <message>
        <source>GET %1, expects %2 and &quot;%3&quot; in the body</source>
        <translation>GET %1, erwartet %2 und „%3“ im Inhalt</translation>
    </message>
    <message>
        <source>connects to %1 port %2</source>
        <translation>verbindet sich mit %1 Port %2</translation>
    </message>
    <message>
        <source>runs %1</source>
        <translation>führt %1 aus</translation>
    </message>
    <message>
        <source>blue&apos;s health endpoint</source>
        <translation>den Health-Endpunkt von Blau</translation>
    </message>
</context>
<context>
    <name>AlertmanagerClient</name>
    <message>
        <source>the answer is not JSON (%1 at offset %2): %3</source>
        <translation>die Antwort ist kein JSON (%1 an Position %2): %3</translation>
    </message>
    <message>
        <source>the answer is not a JSON array of alerts as Alertmanager&apos;s API v2 gives: %1</source>
        <translation>die Antwort ist kein JSON-Array von Alarmen, wie es die API v2 von Alertmanager liefert: %1</translation>
    </message>
    <message>
        <source>no matching alert</source>
        <translation>kein passender Alarm</translation>
    </message>
    <message>
        <source>(unnamed alert)</source>
        <translation>(Alarm ohne Namen)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>an alert and its severity</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 seit %2</translation>
    </message>
    <message>
        <source>1 alert firing: %1</source>
        <translation>1 Alarm aktiv: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n alerts firing: %1</source>
        <translation>
            <numerusform>%n Alarm aktiv: %1</numerusform>
            <numerusform>%n Alarme aktiv: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No Alertmanager URL is set</source>
        <translation>Keine Alertmanager-URL gesetzt</translation>
    </message>
    <message>
        <source>Alertmanager</source>
        <translation>Alertmanager</translation>
    </message>
    <message>
        <source>alerts.url in the profile</source>
        <translation>alerts.url im Profil</translation>
    </message>
    <message>
        <source>Alertmanager at %1 answered %2</source>
        <translation>Alertmanager unter %1 antwortete mit %2</translation>
    </message>
    <message>
        <source>Alertmanager at %1 answered %2: %3</source>
        <translation>Alertmanager unter %1 antwortete mit %2: %3</translation>
    </message>
    <message>
        <source>Alertmanager at %1: %2</source>
        <translation>Alertmanager unter %1: %2</translation>
    </message>
</context>
<context>
    <name>ChartHeader</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>STALE</source>
        <translation>VERALTET</translation>
    </message>
    <message>
        <source>Time of the newest good sample</source>
        <translation>Zeitpunkt des neuesten gültigen Messwerts</translation>
    </message>
    <message>
        <source>%1: last good sample at %2, %3 ago</source>
        <translation>%1: letzter gültiger Messwert um %2, vor %3</translation>
    </message>
    <message>
        <source>%1: no good sample yet</source>
        <translation>%1: noch kein gültiger Messwert</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 none</source>
        <translation>%1 keiner</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No good sample within %1 s:
%2</source>
        <translation>Kein gültiger Messwert innerhalb von %1 s:
%2</translation>
    </message>
    <message>
        <source>last good: %1</source>
        <translation>zuletzt gültig: %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Note by %1 at %2</source>
        <translation>Notiz von %1 um %2</translation>
    </message>
    <message>
        <source>Runbook line %1</source>
        <translation>Runbook-Zeile %1</translation>
    </message>
    <message>
        <source>Skipped by %1: %2</source>
        <translation>Übersprungen von %1: %2</translation>
    </message>
    <message>
        <source>no deployment is running; start one to record progress</source>
        <translation>kein Deployment läuft; starten Sie eines, um den Fortschritt festzuhalten</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <source>&amp;Skip…</source>
        <translation>Über&amp;springen…</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>&amp;Wieder öffnen</translation>
    </message>
    <message>
        <source>&amp;Note…</source>
        <translation>&amp;Notiz…</translation>
    </message>
    <message>
        <source>Run &amp;check</source>
        <translation>&amp;Prüfung ausführen</translation>
    </message>
    <message>
        <source>Checklist: %1</source>
        <translation>Checkliste: %1</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Fortschritt von %1</translation>
    </message>
    <message>
        <source>Space: check or uncheck · S: skip with a reason · R: reopen · N or F2: note</source>
        <translation>Leertaste: abhaken oder Haken entfernen · S: mit Begründung überspringen · R: wieder öffnen · N oder F2: Notiz</translation>
    </message>
    <message>
        <source>%1 of %2 done, %3 skipped</source>
        <translation>%1 von %2 erledigt, %3 übersprungen</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 erledigt</translation>
    </message>
    <message>
        <source>deployment at %1</source>
        <translation>Deployment bei %1</translation>
    </message>
    <message>
        <source>Planned %1–%2 min · no deployment running</source>
        <translation>Geplant %1–%2 min · kein Deployment läuft</translation>
    </message>
    <message>
        <source>No deployment running</source>
        <translation>Kein Deployment läuft</translation>
    </message>
    <message>
        <source>Runs the profile&apos;s check for this item: %1. Its result is kept as evidence and checks the item.</source>
        <translation>Führt die Prüfung des Profils für diesen Punkt aus: %1. Das Ergebnis wird als Nachweis aufbewahrt und hakt den Punkt ab.</translation>
    </message>
    <message>
        <source>No check is bound to this item in the profile.</source>
        <translation>Im Profil ist diesem Punkt keine Prüfung zugeordnet.</translation>
    </message>
    <message>
        <source>Check failed: %1</source>
        <translation>Prüfung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an item with a check (Run check) to see its last result.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Wählen Sie einen Punkt mit Prüfung (Prüfung ausführen), um ihr letztes Ergebnis zu sehen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Check running: %1…</source>
        <translation>Prüfung läuft: %1…</translation>
    </message>
    <message>
        <source>Check: %1 · not run yet</source>
        <translation>Prüfung: %1 · noch nicht ausgeführt</translation>
    </message>
    <message>
        <source>Last check %1 at %2 by %3 (%4 ms): %5</source>
        <translation>Letzte Prüfung %1 um %2 von %3 (%4 ms): %5</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2e9d4f&apos;&gt;passed&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#2e9d4f&apos;&gt;bestanden&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d03030&apos;&gt;failed&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#d03030&apos;&gt;fehlgeschlagen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No deployment is running: start one (Ctrl+N) to record progress.</source>
        <translation>Kein Deployment läuft: Starten Sie eines (Strg+N), um den Fortschritt festzuhalten.</translation>
    </message>
    <message>
        <source>Skip item</source>
        <translation>Punkt überspringen</translation>
    </message>
    <message>
        <source>Why is &quot;%1&quot; skipped or not applicable?</source>
        <translation>Warum wird „%1“ übersprungen oder trifft nicht zu?</translation>
    </message>
    <message>
        <source>Not skipped: a skip needs a reason.</source>
        <translation>Nicht übersprungen: Überspringen braucht eine Begründung.</translation>
    </message>
</context>
<context>
    <name>ChecklistTabs</name>
    <message>
        <source>All tabs</source>
        <translation>Alle Reiter</translation>
    </message>
    <message>
        <source>Go to any phase or checklist</source>
        <translation>Zu einer beliebigen Phase oder Checkliste wechseln</translation>
    </message>
</context>
<context>
    <name>CloseDeploymentDialog</name>
    <message>
        <source>Close deployment</source>
        <translation>Deployment schließen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <source>Aborted</source>
        <translation>Abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>%n checklist item(s) are still open. A closed deployment can no longer change.</source>
        <translation>
            <numerusform>%n Checklistenpunkt ist noch offen. Ein geschlossenes Deployment kann nicht mehr geändert werden.</numerusform>
            <numerusform>%n Checklistenpunkte sind noch offen. Ein geschlossenes Deployment kann nicht mehr geändert werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
</context>
<context>
    <name>CommandController</name>
    <message>
        <source>traffic command %1</source>
        <translation>Traffic-Befehl %1</translation>
    </message>
    <message>
        <source>the read-back program printed &quot;%1&quot;; it must print {&quot;blue&quot;:N,&quot;green&quot;:N} or &quot;blue=N green=N&quot;</source>
        <translation>das Rücklese-Programm gab „%1“ aus; es muss {&quot;blue&quot;:N,&quot;green&quot;:N} oder „blue=N green=N“ ausgeben</translation>
    </message>
    <message>
        <source>not verified: %1 has no read-back program, so where traffic is cannot be read; set traffic.command.readProgram in the profile</source>
        <translation>nicht überprüft: %1 hat kein Rücklese-Programm, daher lässt sich nicht lesen, wo der Traffic ist; setzen Sie traffic.command.readProgram im Profil</translation>
    </message>
    <message>
        <source>could not start %1</source>
        <translation>konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>%1 was killed by a signal</source>
        <translation>%1 wurde durch ein Signal beendet</translation>
    </message>
    <message>
        <source>%1 exited with code %2</source>
        <translation>%1 endete mit Code %2</translation>
    </message>
    <message>
        <source>not verified: no read-back program is configured, so the split is assumed from %1&apos;s success</source>
        <translation>nicht überprüft: kein Rücklese-Programm konfiguriert, daher wird die Aufteilung aus dem Erfolg von %1 angenommen</translation>
    </message>
    <message>
        <source>%1 was still running and was killed</source>
        <translation>%1 lief noch und wurde beendet</translation>
    </message>
</context>
<context>
    <name>ConsoleEnvironment</name>
    <message>
        <source>the demo environment cannot start: %1</source>
        <translation>die Demo-Umgebung kann nicht starten: %1</translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message>
        <source>%1: the runbook cannot be used</source>
        <translation>%1: das Runbook kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>No journal is open (%1); a deployment cannot be recorded.</source>
        <translation>Kein Journal ist geöffnet (%1); ein Deployment kann nicht aufgezeichnet werden.</translation>
    </message>
    <message>
        <source>The runbook %1 has errors; fix them before starting a deployment.</source>
        <translation>Das Runbook %1 hat Fehler; beheben Sie sie, bevor Sie ein Deployment starten.</translation>
    </message>
    <message>
        <source>%1 is a watcher&apos;s login on %2: watchers follow deployments, add notes and request rollbacks; a driver&apos;s login starts them</source>
        <translation>%1 ist eine Beobachter-Anmeldung auf %2: Beobachter verfolgen Deployments, fügen Notizen hinzu und fordern Rollbacks an; eine Anmeldung mit Steuerrecht startet sie</translation>
    </message>
    <message>
        <source>The runbook gates on metrics the profile does not query:
%1</source>
        <translation>Das Gate des Runbooks hängt von Metriken ab, die das Profil nicht abfragt:
%1</translation>
    </message>
    <message>
        <source>No journal is open (%1).</source>
        <translation>Kein Journal ist geöffnet (%1).</translation>
    </message>
    <message>
        <source>No deployment is open.</source>
        <translation>Kein Deployment ist geöffnet.</translation>
    </message>
    <message>
        <source>%1 is still running: wait for it, or abort its procedure, before closing the deployment.</source>
        <translation>%1 läuft noch: warten Sie darauf oder brechen Sie seine Prozedur ab, bevor Sie das Deployment schließen.</translation>
    </message>
    <message>
        <source>The deployment is closed.</source>
        <translation>Das Deployment ist geschlossen.</translation>
    </message>
    <message>
        <source>%1 is a watcher&apos;s login: only a driver&apos;s login (a member of stonecaster_driver) takes control</source>
        <translation>%1 ist eine Beobachter-Anmeldung: nur eine Anmeldung mit Steuerrecht (ein Mitglied von stonecaster_driver) übernimmt die Steuerung</translation>
    </message>
    <message>
        <source>This console drives the deployment already.</source>
        <translation>Diese Konsole steuert das Deployment bereits.</translation>
    </message>
    <message>
        <source>The deployment&apos;s lock cannot be used: %1</source>
        <translation>Die Sperre des Deployments kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>This console drives the deployment now, but the journal did not record it: %1</source>
        <translation>Diese Konsole steuert das Deployment jetzt, aber das Journal hat es nicht aufgezeichnet: %1</translation>
    </message>
    <message>
        <source>this console cannot take the deployment&apos;s lock, so it only watches: %1</source>
        <translation>diese Konsole kann die Sperre des Deployments nicht nehmen und beobachtet daher nur: %1</translation>
    </message>
    <message>
        <source>%1 watches (a watching console reads, adds notes and requests a rollback); %2</source>
        <translation>%1 beobachtet (eine beobachtende Konsole liest, fügt Notizen hinzu und fordert einen Rollback an); %2</translation>
    </message>
    <message>
        <source>this console</source>
        <translation>diese Konsole</translation>
    </message>
    <message>
        <source>nobody drives this deployment</source>
        <translation>niemand steuert dieses Deployment</translation>
    </message>
    <message>
        <source>%1 drives it</source>
        <translation>%1 steuert es</translation>
    </message>
    <message>
        <source>nobody drives this deployment; Take control to drive it</source>
        <translation>niemand steuert dieses Deployment; übernehmen Sie die Steuerung, um es zu steuern</translation>
    </message>
    <message>
        <source>%1 drives it but has not been heard from for more than %2 s; Take control to drive it</source>
        <translation>%1 steuert es, hat sich aber seit mehr als %2 s nicht gemeldet; übernehmen Sie die Steuerung, um es zu steuern</translation>
    </message>
    <message>
        <source>%1 drives it; Take control to drive it instead (their console is told)</source>
        <translation>%1 steuert es; übernehmen Sie die Steuerung, um es stattdessen zu steuern (deren Konsole erfährt es)</translation>
    </message>
    <message>
        <source>The deployment&apos;s metric history cannot be read: %1</source>
        <translation>Der Metrikverlauf des Deployments kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>DemoController</name>
    <message>
        <source>the demo simulator</source>
        <translation>Demo-Simulator</translation>
    </message>
    <message>
        <source>demo simulator at %1</source>
        <translation>Demo-Simulator unter %1</translation>
    </message>
</context>
<context>
    <name>DemoServer</name>
    <message>
        <source>the demo server already listens on port %1</source>
        <translation>der Demo-Server lauscht bereits auf Port %1</translation>
    </message>
    <message>
        <source>cannot listen on 127.0.0.1:%1: %2</source>
        <translation>kann nicht auf 127.0.0.1:%1 lauschen: %2</translation>
    </message>
    <message>
        <source>cannot serve HTTP on 127.0.0.1:%1</source>
        <translation>kann auf 127.0.0.1:%1 kein HTTP anbieten</translation>
    </message>
</context>
<context>
    <name>Deployment</name>
    <message>
        <source>%1: deployment %2: %3</source>
        <translation>%1: Deployment %2: %3</translation>
    </message>
    <message>
        <source>a deployment needs the name of the service</source>
        <translation>ein Deployment braucht den Namen des Dienstes</translation>
    </message>
    <message>
        <source>a deployment needs the version or git ref being deployed</source>
        <translation>ein Deployment braucht die Version oder Git-Referenz, die ausgerollt wird</translation>
    </message>
    <message>
        <source>a deployment needs the operator&apos;s name</source>
        <translation>ein Deployment braucht den Namen des Operators</translation>
    </message>
    <message>
        <source>the runbook %1 has errors; fix them before starting a deployment</source>
        <translation>das Runbook %1 hat Fehler; beheben Sie sie, bevor Sie ein Deployment starten</translation>
    </message>
    <message>
        <source>%1: no deployment %2 in this journal</source>
        <translation>%1: kein Deployment %2 in diesem Journal</translation>
    </message>
    <message>
        <source>the deployment is closed</source>
        <translation>das Deployment ist geschlossen</translation>
    </message>
    <message>
        <source>the journal is not open</source>
        <translation>das Journal ist nicht geöffnet</translation>
    </message>
    <message>
        <source>another console drives this deployment: %1</source>
        <translation>eine andere Konsole steuert dieses Deployment: %1</translation>
    </message>
    <message>
        <source>the deployment is closed; its checklist can no longer change</source>
        <translation>das Deployment ist geschlossen; seine Checkliste kann sich nicht mehr ändern</translation>
    </message>
    <message>
        <source>no item &quot;%1&quot; in the runbook</source>
        <translation>kein Punkt „%1“ im Runbook</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a checklist item</source>
        <translation>„%1“ ist kein Checklistenpunkt</translation>
    </message>
    <message>
        <source>%1; reading what it wrote failed too: %2</source>
        <translation>%1; das Lesen des Geschriebenen schlug ebenfalls fehl: %2</translation>
    </message>
    <message>
        <source>another console changed the deployment just now; this console shows what it did. Try again if it still applies</source>
        <translation>eine andere Konsole hat das Deployment gerade geändert; diese Konsole zeigt, was sie getan hat. Versuchen Sie es erneut, wenn es noch zutrifft</translation>
    </message>
    <message>
        <source>skipping an item needs a reason</source>
        <translation>das Überspringen eines Punkts braucht einen Grund</translation>
    </message>
    <message>
        <source>the deployment is closed; there is nothing to roll back from here</source>
        <translation>das Deployment ist geschlossen; von hier gibt es nichts zurückzurollen</translation>
    </message>
    <message>
        <source>a rollback request needs a reason the driver can act on</source>
        <translation>eine Rollback-Anforderung braucht einen Grund, nach dem die steuernde Konsole handeln kann</translation>
    </message>
    <message>
        <source>the deployment is already closed</source>
        <translation>das Deployment ist bereits geschlossen</translation>
    </message>
    <message>
        <source>the deployment is closed; traffic is no longer commanded from it</source>
        <translation>das Deployment ist geschlossen; von ihm wird kein Traffic mehr angewiesen</translation>
    </message>
    <message>
        <source>%1 % is not a traffic share</source>
        <translation>%1 % ist kein Traffic-Anteil</translation>
    </message>
    <message>
        <source>overriding the gate needs a reason</source>
        <translation>das Übersteuern des Gates braucht einen Grund</translation>
    </message>
    <message>
        <source>%1 is not a status update&apos;s event</source>
        <translation>%1 ist kein Ereignis einer Statusmeldung</translation>
    </message>
    <message>
        <source>a status update needs an id</source>
        <translation>eine Statusmeldung braucht eine Kennung</translation>
    </message>
    <message>
        <source>skipping a step needs a reason</source>
        <translation>das Überspringen eines Schritts braucht einen Grund</translation>
    </message>
</context>
<context>
    <name>DeploymentListModel</name>
    <message>
        <source>Deployment %1, runbook %2</source>
        <translation>Deployment %1, Runbook %2</translation>
    </message>
    <message>
        <source>closed: %1</source>
        <translation>geschlossen: %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Started by</source>
        <translation>Gestartet von</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>DeploymentLock</name>
    <message>
        <source>%1: the lock of deployment %2 kept changing hands; try again</source>
        <translation>%1: die Sperre von Deployment %2 wechselte ständig den Besitzer; versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>%1: cannot take the deployment lock: %2</source>
        <translation>%1: die Sperre des Deployments kann nicht genommen werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot read the deployment lock: %2</source>
        <translation>%1: die Sperre des Deployments kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot renew the deployment lock: %2</source>
        <translation>%1: die Sperre des Deployments kann nicht erneuert werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot take over the deployment lock: %2</source>
        <translation>%1: die Sperre des Deployments kann nicht übernommen werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot take control of the deployment: %2</source>
        <translation>%1: die Steuerung des Deployments kann nicht übernommen werden: %2</translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message>
        <source>Traffic gate open</source>
        <translation>Traffic-Gate offen</translation>
    </message>
    <message>
        <source>Consider rollback</source>
        <translation>Rollback erwägen</translation>
    </message>
    <message>
        <source>Automatic rollback</source>
        <translation>Automatischer Rollback</translation>
    </message>
    <message>
        <source>Rollback started</source>
        <translation>Rollback gestartet</translation>
    </message>
    <message>
        <source>Traffic is not where it was commanded</source>
        <translation>Der Traffic steht nicht wie angewiesen</translation>
    </message>
    <message>
        <source>Status update due</source>
        <translation>Statusmeldung fällig</translation>
    </message>
    <message>
        <source>Show the console</source>
        <translation>Konsole zeigen</translation>
    </message>
</context>
<context>
    <name>EnvironmentStatus</name>
    <message>
        <source> · time ×%1</source>
        <translation> · Zeit ×%1</translation>
    </message>
</context>
<context>
    <name>GuardedRequest</name>
    <message>
        <source>the server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http:// or https:// URL with a host</source>
        <translation>„%1“ ist keine http://- oder https://-URL mit Host</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http:// or https:// URL with a host; check %2</source>
        <translation>„%1“ ist keine http://- oder https://-URL mit Host; prüfen Sie %2</translation>
    </message>
    <message>
        <source>%1 at %2 answered with %3, more than the %4 this console reads from it; the answer was not read</source>
        <translation>%1 unter %2 antwortete mit %3, mehr als die %4, die diese Konsole von dort liest; die Antwort wurde nicht gelesen</translation>
    </message>
    <message>
        <source>%1 at %2 sent more than %3, the most this console reads from it; the answer was cut off and not used</source>
        <translation>%1 unter %2 sandte mehr als %3, das Höchste, was diese Konsole von dort liest; die Antwort wurde abgeschnitten und nicht verwendet</translation>
    </message>
    <message>
        <source>No complete answer from %1 at %2 within %3 (the request timeout): %4 of it had come and the rest was still arriving; the server or the network is too slow</source>
        <translation>%1 unter %2: keine vollständige Antwort innerhalb von %3 (Zeitlimit der Anfrage): %4 waren angekommen, der Rest kam noch; der Server oder das Netz ist zu langsam</translation>
    </message>
    <message>
        <source>No answer from %1 at %2 within %3 (the request timeout); the server or the network is slow or the address is unreachable</source>
        <translation>%1 unter %2: keine Antwort innerhalb von %3 (Zeitlimit der Anfrage); der Server oder das Netz ist langsam oder die Adresse nicht erreichbar</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 (a redirect) without saying where to; configure the URL to %3&apos;s own address</source>
        <translation>%1 antwortete mit HTTP %2 (eine Umleitung), ohne ein Ziel zu nennen; stellen Sie die URL auf die eigene Adresse von %3 ein</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 (a redirect) without saying where to; set %4 to %3&apos;s own address</source>
        <translation>%1 antwortete mit HTTP %2 (eine Umleitung), ohne ein Ziel zu nennen; setzen Sie %4 auf die eigene Adresse von %3</translation>
    </message>
    <message>
        <source>%1 redirected to %2, which is not on %3; redirects are only followed within the same scheme, host and port, so that credentials never go elsewhere. Configure the URL to the address %4 is really served from</source>
        <translation>%1 leitete auf %2 um, das nicht auf %3 liegt; Umleitungen werden nur innerhalb desselben Schemas, Hosts und Ports verfolgt, damit Zugangsdaten nie anderswohin gehen. Stellen Sie die URL auf die Adresse ein, unter der %4 tatsächlich erreichbar ist</translation>
    </message>
    <message>
        <source>%1 redirected to %2, which is not on %3; redirects are only followed within the same scheme, host and port, so that credentials never go elsewhere. Set %5 to the address %4 is really served from</source>
        <translation>%1 leitete auf %2 um, das nicht auf %3 liegt; Umleitungen werden nur innerhalb desselben Schemas, Hosts und Ports verfolgt, damit Zugangsdaten nie anderswohin gehen. Setzen Sie %5 auf die Adresse, unter der %4 tatsächlich erreichbar ist</translation>
    </message>
    <message>
        <source>%1 redirected more than %2 times (last to %3)</source>
        <translation>%1 leitete mehr als %2-mal um (zuletzt auf %3)</translation>
    </message>
    <message>
        <source>%1 redirected more than %2 times (last to %3); check %4</source>
        <translation>%1 leitete mehr als %2-mal um (zuletzt auf %3); prüfen Sie %4</translation>
    </message>
    <message>
        <source>Could not connect to %1 at %2: connection refused by %3:%4; is it running there and is the port right? Check %5</source>
        <translation>%1 unter %2: keine Verbindung, %3:%4 lehnt sie ab; läuft der Dienst dort und stimmt der Port? Prüfen Sie %5</translation>
    </message>
    <message>
        <source>Could not connect to %1 at %2: connection refused by %3:%4; is it running there and is the port right?</source>
        <translation>%1 unter %2: keine Verbindung, %3:%4 lehnt sie ab; läuft der Dienst dort und stimmt der Port?</translation>
    </message>
    <message>
        <source>Could not connect to %1 at %2: host %3 not found; check %4 and the DNS</source>
        <translation>%1 unter %2: keine Verbindung, Host %3 nicht gefunden; prüfen Sie %4 und das DNS</translation>
    </message>
    <message>
        <source>Could not connect to %1 at %2: host %3 not found; check the address and the DNS</source>
        <translation>%1 unter %2: keine Verbindung, Host %3 nicht gefunden; prüfen Sie die Adresse und das DNS</translation>
    </message>
    <message>
        <source>%1 at %2 closed the connection before answering; check the scheme (http or https) and the port of %3</source>
        <translation>%1 unter %2 hat die Verbindung vor der Antwort geschlossen; prüfen Sie Schema (http oder https) und Port: %3</translation>
    </message>
    <message>
        <source>%1 at %2 closed the connection before answering; check the scheme (http or https) and the port</source>
        <translation>%1 unter %2 hat die Verbindung vor der Antwort geschlossen; prüfen Sie Schema (http oder https) und Port</translation>
    </message>
    <message>
        <source>TLS certificate error connecting to host %1 (%2 at %3): %4. The connection was refused: certificates are always verified. Install the CA that signed the server&apos;s certificate in the system&apos;s trust store, or fix the certificate (host name, expiry)</source>
        <translation>TLS-Zertifikatsfehler bei der Verbindung zu Host %1 (%2 unter %3): %4. Die Verbindung wurde abgelehnt: Zertifikate werden immer geprüft. Installieren Sie die CA, die das Zertifikat des Servers signiert hat, im Zertifikatsspeicher des Systems, oder korrigieren Sie das Zertifikat (Hostname, Ablaufdatum)</translation>
    </message>
    <message>
        <source>TLS error connecting to host %1 (%2 at %3): %4; check that the server speaks https on that port</source>
        <translation>TLS-Fehler bei der Verbindung zu Host %1 (%2 unter %3): %4; prüfen Sie, ob der Server auf diesem Port https spricht</translation>
    </message>
    <message>
        <source>Request to %1 at %2 failed: %3</source>
        <translation>Anfrage an %1 unter %2 fehlgeschlagen: %3</translation>
    </message>
</context>
<context>
    <name>HaproxyController</name>
    <message>
        <source>HAProxy&apos;s answer to `show servers state` has a short line: %1</source>
        <translation>die Antwort von HAProxy auf `show servers state` hat eine zu kurze Zeile: %1</translation>
    </message>
    <message>
        <source>HAProxy&apos;s answer to `show servers state` has no state in: %1</source>
        <translation>die Antwort von HAProxy auf `show servers state` hat keinen Zustand in: %1</translation>
    </message>
    <message>
        <source>HAProxy&apos;s answer to `show servers state` is not a server table: %1</source>
        <translation>die Antwort von HAProxy auf `show servers state` ist keine Servertabelle: %1</translation>
    </message>
    <message>
        <source>HAProxy runtime API at %1 (backend %2)</source>
        <translation>HAProxy-Runtime-API unter %1 (Backend %2)</translation>
    </message>
    <message>
        <source>in maintenance</source>
        <translation>in Wartung</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>im Drain-Modus</translation>
    </message>
    <message>
        <source>DOWN</source>
        <comment>a server&apos;s state</comment>
        <translation>DOWN</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>im Herunterfahren</translation>
    </message>
    <message>
        <source>traffic.haproxy.address: %1</source>
        <translation>traffic.haproxy.address: %1</translation>
    </message>
    <message>
        <source>no answer to `%1`</source>
        <translation>keine Antwort auf `%1`</translation>
    </message>
    <message>
        <source>could not connect to send `%1`</source>
        <translation>keine Verbindung, um `%1` zu senden</translation>
    </message>
    <message>
        <source>%1: `%2` failed: %3</source>
        <translation>%1: `%2` fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering `%2`</source>
        <translation>%1 hat die Verbindung geschlossen, ohne `%2` zu beantworten</translation>
    </message>
    <message>
        <source>HAProxy refused `%1`: %2</source>
        <translation>HAProxy hat `%1` abgelehnt: %2</translation>
    </message>
    <message>
        <source>HAProxy&apos;s answer to `%1` is not a weight: %2</source>
        <translation>die Antwort von HAProxy auf `%1` ist kein Gewicht: %2</translation>
    </message>
    <message>
        <source>%1 is %2 (weight %3 configured, no new requests)</source>
        <translation>%1 ist %2 (Gewicht %3 konfiguriert, keine neuen Anfragen)</translation>
    </message>
    <message>
        <source>%1: `show servers state` does not list %2</source>
        <translation>%1: `show servers state` führt %2 nicht auf</translation>
    </message>
</context>
<context>
    <name>HaproxyRuntimeCommand</name>
    <message>
        <source>like &quot;127.0.0.1:9999&quot; or &quot;unix:/run/haproxy/admin.sock&quot;</source>
        <translation>etwa „127.0.0.1:9999“ oder „unix:/run/haproxy/admin.sock“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no socket path; write it %2</source>
        <translation>„%1“ nennt keinen Socket-Pfad; schreiben Sie ihn %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a host:port or unix:path address; write it %2</source>
        <translation>„%1“ ist keine Adresse der Form host:port oder unix:pfad; schreiben Sie sie %2</translation>
    </message>
    <message>
        <source>the connection to %1 broke: %2</source>
        <translation>die Verbindung zu %1 ist abgebrochen: %2</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation>keine Verbindung zu %1: %2</translation>
    </message>
</context>
<context>
    <name>HealthChecker</name>
    <message>
        <source>green&apos;s health endpoint</source>
        <translation>Health-Endpunkt von Grün</translation>
    </message>
    <message>
        <source>blue&apos;s health endpoint</source>
        <translation>Health-Endpunkt von Blau</translation>
    </message>
    <message>
        <source>%1&apos;s health endpoint</source>
        <translation>Health-Endpunkt von %1</translation>
    </message>
    <message>
        <source>health.%1 in the profile</source>
        <translation>health.%1 im Profil</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 from %2: %3</source>
        <translation>%1 von %2: %3</translation>
    </message>
</context>
<context>
    <name>HelpBrowser</name>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>&amp;Vorwärts</translation>
    </message>
    <message>
        <source>StoneCaster Deploy Console: user guide</source>
        <translation>StoneCaster Deploy Console: Benutzerhandbuch</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>&amp;Inhalt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not part of the user guide: it is in the project&apos;s source repository.</source>
        <translation>„%1“ gehört nicht zum Benutzerhandbuch: Es liegt im Quell-Repository des Projekts.</translation>
    </message>
</context>
<context>
    <name>HtmlReportWriter</name>
    <message>
        <source>%1: cannot write the report: %2</source>
        <translation>%1: der Bericht kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>HttpController</name>
    <message>
        <source>the traffic API</source>
        <translation>Traffic-API</translation>
    </message>
    <message>
        <source>traffic API at %1</source>
        <translation>Traffic-API unter %1</translation>
    </message>
    <message>
        <source>traffic.http.readBackUrl in the profile</source>
        <translation>traffic.http.readBackUrl im Profil</translation>
    </message>
    <message>
        <source>traffic.http.url in the profile</source>
        <translation>traffic.http.url im Profil</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2</source>
        <translation>%1 antwortete mit HTTP %2</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2: %3</source>
        <translation>%1 antwortete mit HTTP %2: %3</translation>
    </message>
    <message>
        <source>GET %1 did not answer JSON (%2 at offset %3): %4</source>
        <translation>GET %1 lieferte kein JSON (%2 an Position %3): %4</translation>
    </message>
    <message>
        <source>GET %1: no whole-number weight at &quot;%2&quot; in %3</source>
        <translation>GET %1: kein ganzzahliges Gewicht bei „%2“ in %3</translation>
    </message>
    <message>
        <source>no answer yet to %1 %2</source>
        <translation>noch keine Antwort auf %1 %2</translation>
    </message>
</context>
<context>
    <name>Journal</name>
    <message>
        <source>the journal is not open</source>
        <translation>das Journal ist nicht geöffnet</translation>
    </message>
    <message>
        <source>%1; nothing was written</source>
        <translation>%1; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>journal already open at %1</source>
        <translation>Journal bereits geöffnet unter %1</translation>
    </message>
    <message>
        <source>%1: the journal has no readable format version; it was left as it is</source>
        <translation>%1: das Journal hat keine lesbare Formatversion; es wurde unverändert gelassen</translation>
    </message>
    <message>
        <source>%1: journal format %2 is newer than this console understands (%3); use a newer StoneCaster Deploy Console</source>
        <translation>%1: das Journalformat %2 ist neuer, als diese Konsole versteht (%3); verwenden Sie eine neuere StoneCaster Deploy Console</translation>
    </message>
    <message>
        <source>%1: runbook %2 is missing from the journal</source>
        <translation>%1: Runbook %2 fehlt im Journal</translation>
    </message>
    <message>
        <source>another console changed deployment %1 meanwhile (its last event is %2, this console knew %3); nothing was written</source>
        <translation>eine andere Konsole hat Deployment %1 inzwischen geändert (sein letztes Ereignis ist %2, diese Konsole kannte %3); nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>%1: event %2 of deployment %3 has an unreadable payload (%4)</source>
        <translation>%1: Ereignis %2 von Deployment %3 hat unlesbare Daten (%4)</translation>
    </message>
</context>
<context>
    <name>JournalLocation</name>
    <message>
        <source>--journal %1: not a journal this console can open; give a file path, or a postgresql://USER@HOST:PORT/DATABASE URI</source>
        <translation>--journal %1: kein Journal, das diese Konsole öffnen kann; geben Sie einen Dateipfad oder eine URI postgresql://USER@HOST:PORT/DATABASE an</translation>
    </message>
    <message>
        <source>--journal: the PostgreSQL URI cannot be read (%1); the form is postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full</source>
        <translation>--journal: die PostgreSQL-URI kann nicht gelesen werden (%1); die Form ist postgresql://USER@HOST:PORT/DATABASE?sslmode=verify-full</translation>
    </message>
    <message>
        <source>--journal: the PostgreSQL URI contains a password; leave it out (it would show in the process list and the shell&apos;s history) and give it in PGPASSWORD, a PGPASSFILE or the keychain (--journal-keychain)</source>
        <translation>--journal: die PostgreSQL-URI enthält ein Passwort; lassen Sie es weg (es stünde in der Prozessliste und im Verlauf der Shell) und geben Sie es in PGPASSWORD, einer PGPASSFILE oder dem Schlüsselbund (--journal-keychain) an</translation>
    </message>
    <message>
        <source>--journal %1: a PostgreSQL URI names one database after the host (…/DATABASE), not a path</source>
        <translation>--journal %1: eine PostgreSQL-URI nennt nach dem Host eine Datenbank (…/DATABASE), keinen Pfad</translation>
    </message>
    <message>
        <source>--journal: the PostgreSQL URI contains a %1; leave it out and give it in PGPASSWORD, a PGPASSFILE or the keychain (--journal-keychain)</source>
        <translation>--journal: die PostgreSQL-URI enthält %1; lassen Sie es weg und geben Sie es in PGPASSWORD, einer PGPASSFILE oder dem Schlüsselbund (--journal-keychain) an</translation>
    </message>
    <message>
        <source>--journal %1: unknown connection parameter &quot;%2&quot;; allowed: %3</source>
        <translation>--journal %1: unbekannter Verbindungsparameter „%2“; erlaubt: %3</translation>
    </message>
    <message>
        <source>--journal: the value of &quot;%1&quot; may not contain &apos;;&apos;</source>
        <translation>--journal: der Wert von „%1“ darf kein „;“ enthalten</translation>
    </message>
</context>
<context>
    <name>JournalPassword</name>
    <message>
        <source>the %1 did not answer within a minute</source>
        <translation>%1 hat nicht innerhalb einer Minute geantwortet</translation>
    </message>
    <message>
        <source>--journal-keychain: %1</source>
        <translation>--journal-keychain: %1</translation>
    </message>
</context>
<context>
    <name>JournalSchema</name>
    <message>
        <source>cannot start %1: %2</source>
        <translation>%1 kann nicht begonnen werden: %2</translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <source>&amp;Deployment</source>
        <translation>&amp;Deployment</translation>
    </message>
    <message>
        <source>&amp;New deployment…</source>
        <translation>&amp;Neues Deployment…</translation>
    </message>
    <message>
        <source>&amp;Open deployment…</source>
        <translation>Deployment ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Close deployment…</source>
        <translation>Deployment &amp;schließen…</translation>
    </message>
    <message>
        <source>Runbook &amp;reading…</source>
        <translation>Runbook-&amp;Auswertung…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Colour scheme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Runbook source…</source>
        <translation>&amp;Runbook-Quelltext…</translation>
    </message>
    <message>
        <source>&amp;Profile source…</source>
        <translation>&amp;Profil-Quelltext…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Configure StoneCaster Deploy Console…</source>
        <translation>StoneCaster Deploy Console &amp;einrichten…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Runbook format</source>
        <translation>&amp;Runbook-Format</translation>
    </message>
    <message>
        <source>&amp;Profile format</source>
        <translation>&amp;Profil-Format</translation>
    </message>
    <message>
        <source>&amp;Keyboard</source>
        <translation>&amp;Tastatur</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>&amp;About StoneCaster Deploy Console</source>
        <translation>&amp;Über StoneCaster Deploy Console</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>In a checklist:
Arrows: move between items
Space: check or uncheck the item
S: skip with a reason
R: reopen a checked or skipped item
N or F2: write a note
C: run the item&apos;s check

In the window:
Ctrl+Tab / Ctrl+Shift+Tab: next / previous tab
F9: show or hide the runbook reference
F7: show or hide the live metrics · F8: monitoring view
Ctrl+N: new deployment · Ctrl+O: open a deployment
Ctrl+U: the runbook&apos;s source (editable with --runbook FILE; Ctrl+S saves it)
Ctrl+Shift+R: the runbook&apos;s reading, to confirm before traffic moves
Ctrl+Shift+E: export the report · Ctrl+Shift+U: status update
Ctrl+,: settings · F1: user guide · Ctrl+Q: quit</source>
        <translation>In einer Checkliste:
Pfeiltasten: zwischen Punkten wechseln
Leertaste: Punkt abhaken oder Haken entfernen
S: mit Begründung überspringen
R: abgehakten oder übersprungenen Punkt wieder öffnen
N oder F2: Notiz schreiben
C: Prüfung des Punkts ausführen

Im Fenster:
Strg+Tab / Strg+Umschalt+Tab: nächster / vorheriger Reiter
F9: Runbook-Referenz ein- oder ausblenden
F7: Live-Metriken ein- oder ausblenden · F8: Monitoring-Ansicht
Strg+N: neues Deployment · Strg+O: Deployment öffnen
Strg+U: Quelltext des Runbooks (bearbeitbar mit --runbook DATEI; Strg+S speichert)
Strg+Umschalt+R: Auswertung des Runbooks, vor dem ersten Traffic-Schritt zu bestätigen
Strg+Umschalt+E: Bericht exportieren · Strg+Umschalt+U: Statusmeldung
Strg+,: Einstellungen · F1: Benutzerhandbuch · Strg+Q: beenden</translation>
    </message>
    <message>
        <source>&amp;Monitoring view</source>
        <translation>&amp;Monitoring-Ansicht</translation>
    </message>
    <message>
        <source>Open run&amp;book in a new window…</source>
        <translation>&amp;Runbook in neuem Fenster öffnen…</translation>
    </message>
    <message>
        <source>Open runbook</source>
        <translation>Runbook öffnen</translation>
    </message>
    <message>
        <source>Runbooks (*.md *.markdown);;All files (*)</source>
        <translation>Runbooks (*.md *.markdown);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open pro&amp;file in a new window…</source>
        <translation>&amp;Profil in neuem Fenster öffnen…</translation>
    </message>
    <message>
        <source>Open profile</source>
        <translation>Profil öffnen</translation>
    </message>
    <message>
        <source>Profiles (*.json);;All files (*)</source>
        <translation>Profile (*.json);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Runbook reference</source>
        <translation>Runbook-Referenz</translation>
    </message>
    <message>
        <source>StoneCaster Deploy Console</source>
        <translation>StoneCaster Deploy Console</translation>
    </message>
    <message>
        <source>Progress of the whole deployment</source>
        <translation>Fortschritt des gesamten Deployments</translation>
    </message>
    <message>
        <source>The runbook cannot be used:
%1</source>
        <translation>Das Runbook kann nicht verwendet werden:
%1</translation>
    </message>
    <message>
        <source>%1
Nothing can be recorded until the journal opens; the checklists are shown read-only.</source>
        <translation>%1
Bis das Journal geöffnet ist, kann nichts festgehalten werden; die Checklisten sind schreibgeschützt.</translation>
    </message>
    <message>
        <source>This deployment runs on the runbook text it started with. %1 differs from it:
%2</source>
        <translation>Dieses Deployment läuft mit dem Runbook-Text, mit dem es gestartet wurde. %1 weicht davon ab:
%2</translation>
    </message>
    <message>
        <source>No deployment is running. The runbook is shown read-only until you start one.</source>
        <translation>Kein Deployment läuft. Das Runbook ist schreibgeschützt, bis Sie eines starten.</translation>
    </message>
    <message>
        <source>Start deployment…</source>
        <translation>Deployment starten…</translation>
    </message>
    <message>
        <source>%1 · no deployment running</source>
        <translation>%1 · kein Deployment läuft</translation>
    </message>
    <message>
        <source>No deployment</source>
        <translation>Kein Deployment</translation>
    </message>
    <message>
        <source>closed (%1)</source>
        <translation>geschlossen (%1)</translation>
    </message>
    <message>
        <source>unknown outcome</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>%1 %2 · started by %3 at %4 · %5 · %6 · you are %7</source>
        <translation>%1 %2 · gestartet von %3 um %4 · %5 · %6 · Sie sind %7</translation>
    </message>
    <message>
        <source>Overall %1 of %2 done, %3 skipped</source>
        <translation>Insgesamt %1 von %2 erledigt, %3 übersprungen</translation>
    </message>
    <message>
        <source>%1 %2 — StoneCaster Deploy Console</source>
        <translation>%1 %2 — StoneCaster Deploy Console</translation>
    </message>
    <message>
        <source>Deployment of %1 %2 started</source>
        <translation>Deployment von %1 %2 gestartet</translation>
    </message>
    <message>
        <source>Deployment closed: %1. It is now read-only.</source>
        <translation>Deployment geschlossen: %1. Es ist jetzt schreibgeschützt.</translation>
    </message>
    <message numerus="yes">
        <source>%n journaled item(s) are not in this deployment&apos;s runbook: %1</source>
        <translation>
            <numerusform>%n Punkt im Journal steht nicht im Runbook dieses Deployments: %1</numerusform>
            <numerusform>%n Punkte im Journal stehen nicht im Runbook dieses Deployments: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) in the journal were written by a newer console and are not shown.</source>
        <translation>
            <numerusform>%n Ereignis im Journal wurde von einer neueren Konsole geschrieben und wird nicht angezeigt.</numerusform>
            <numerusform>%n Ereignisse im Journal wurden von einer neueren Konsole geschrieben und werden nicht angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>This console now drives the deployment (the other console closed or stopped).</source>
        <translation>Diese Konsole steuert jetzt das Deployment (die andere Konsole wurde geschlossen oder ist ausgefallen).</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Schreibgeschützt: %1</translation>
    </message>
    <message>
        <source>Read-only: %1 drives this deployment from another console. This console takes over when that one closes or stops.</source>
        <translation>Schreibgeschützt: %1 steuert dieses Deployment von einer anderen Konsole. Diese Konsole übernimmt, wenn jene geschlossen wird oder ausfällt.</translation>
    </message>
    <message>
        <source>New deployment</source>
        <translation>Neues Deployment</translation>
    </message>
    <message>
        <source>A deployment of %1 is still open. Start another one anyway? The open one stays in the journal.</source>
        <translation>Ein Deployment von %1 ist noch offen. Trotzdem ein weiteres starten? Das offene bleibt im Journal.</translation>
    </message>
    <message>
        <source>No journal is open (%1).</source>
        <translation>Kein Journal geöffnet (%1).</translation>
    </message>
    <message>
        <source>Live metrics</source>
        <translation>Live-Metriken</translation>
    </message>
    <message>
        <source>Monitoring — %1 — StoneCaster Deploy Console</source>
        <translation>Monitoring — %1 — StoneCaster Deploy Console</translation>
    </message>
    <message>
        <source>Metric samples cannot be saved to the journal: %1</source>
        <translation>Messwerte können nicht im Journal gespeichert werden: %1</translation>
    </message>
    <message>
        <source>A step is running</source>
        <translation>Ein Schritt läuft</translation>
    </message>
    <message>
        <source>%1 is still running (or its result is not saved yet). Leaving the deployment ends it and everything it started; when the deployment is reopened, the step is shown as interrupted and runs again only if you say so.

Leave anyway?</source>
        <translation>%1 läuft noch (oder sein Ergebnis ist noch nicht gespeichert). Wenn Sie das Deployment verlassen, werden er und alles, was er gestartet hat, beendet; beim erneuten Öffnen des Deployments wird der Schritt als unterbrochen angezeigt und läuft nur auf Ihre Anweisung erneut.

Trotzdem verlassen?</translation>
    </message>
    <message>
        <source>%1 was saved with errors. New deployments keep using the runbook as the console loaded it until they are fixed (View &gt; Runbook source…).</source>
        <translation>%1 wurde mit Fehlern gespeichert. Neue Deployments verwenden weiterhin das Runbook, wie die Konsole es geladen hat, bis die Fehler behoben sind (Ansicht &gt; Runbook-Quelltext…).</translation>
    </message>
    <message>
        <source>%1 saved. The saved runbook applies to new deployments; the running one keeps the text it started with.</source>
        <translation>%1 gespeichert. Das gespeicherte Runbook gilt für neue Deployments; das laufende behält den Text, mit dem es gestartet wurde.</translation>
    </message>
    <message>
        <source>%1 saved. The saved runbook applies to new deployments.</source>
        <translation>%1 gespeichert. Das gespeicherte Runbook gilt für neue Deployments.</translation>
    </message>
</context>
<context>
    <name>MarkdownReportWriter</name>
    <message>
        <source>%1: cannot write the chart: %2</source>
        <translation>%1: das Diagramm kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot write the report: %2</source>
        <translation>%1: der Bericht kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>Metric</name>
    <message>
        <source>Error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <source>Response time (p95)</source>
        <translation>Antwortzeit (p95)</translation>
    </message>
    <message>
        <source>Database errors</source>
        <translation>Datenbankfehler</translation>
    </message>
    <message>
        <source>Database query time</source>
        <translation>Datenbank-Abfragezeit</translation>
    </message>
    <message>
        <source>CPU / memory</source>
        <translation>CPU / Speicher</translation>
    </message>
    <message>
        <source>Page load time</source>
        <translation>Seitenladezeit</translation>
    </message>
    <message>
        <source>Traffic share</source>
        <translation>Traffic-Anteil</translation>
    </message>
    <message>
        <source>%1 (green)</source>
        <comment>a metric&apos;s series</comment>
        <translation>%1 (Grün)</translation>
    </message>
    <message>
        <source>%1 (blue)</source>
        <comment>a metric&apos;s series</comment>
        <translation>%1 (Blau)</translation>
    </message>
</context>
<context>
    <name>MetricChart</name>
    <message>
        <source>Not monitored: the profile has no query for “%1”.</source>
        <translation>Nicht überwacht: Das Profil hat keine Abfrage für „%1“.</translation>
    </message>
    <message>
        <source>Not monitored</source>
        <translation>Nicht überwacht</translation>
    </message>
    <message>
        <source>Peak of %1 above the top of the chart</source>
        <translation>Spitze von %1 über dem oberen Rand des Diagramms</translation>
    </message>
</context>
<context>
    <name>MetricChartGroup</name>
    <message>
        <source>How much history the charts show</source>
        <translation>Wie viel Verlauf die Diagramme zeigen</translation>
    </message>
</context>
<context>
    <name>MetricCoverage</name>
    <message>
        <source>the runbook</source>
        <translation>das Runbook</translation>
    </message>
    <message>
        <source>automatic trigger</source>
        <translation>der automatische Trigger</translation>
    </message>
    <message>
        <source>decision point</source>
        <translation>der Entscheidungspunkt</translation>
    </message>
    <message>
        <source>%1:%2: the %3 &quot;%4&quot; is judged on %5, but the profile %6has no query for it (add metrics.queries.%5, or take the rule out of the runbook)</source>
        <translation>%1:%2: %3 „%4“ wird nach %5 beurteilt, aber das Profil %6hat keine Abfrage dafür (metrics.queries.%5 ergänzen oder die Regel aus dem Runbook nehmen)</translation>
    </message>
</context>
<context>
    <name>MetricsConfig</name>
    <message>
        <source>seconds or milliseconds</source>
        <translation>seconds oder milliseconds</translation>
    </message>
    <message>
        <source>ratio or percent</source>
        <translation>ratio oder percent</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;&amp;#9632;&lt;/span&gt; blue &amp;nbsp; &lt;span style=&quot;color:%2&quot;&gt;&amp;#9632;&lt;/span&gt; green &amp;nbsp; hatched: no data &amp;nbsp; dashed: commanded traffic</source>
        <translation>&lt;span style=&quot;color:%1&quot;&gt;&amp;#9632;&lt;/span&gt; Blau &amp;nbsp; &lt;span style=&quot;color:%2&quot;&gt;&amp;#9632;&lt;/span&gt; Grün &amp;nbsp; schraffiert: keine Daten &amp;nbsp; gestrichelt: angewiesener Traffic</translation>
    </message>
</context>
<context>
    <name>MetricsPoller</name>
    <message>
        <source>the poll interval must be more than 0 ms (it is %1)</source>
        <translation>das Abfrageintervall muss mehr als 0 ms betragen (es ist %1)</translation>
    </message>
    <message>
        <source>the request timeout must be more than 0 ms (it is %1)</source>
        <translation>das Zeitlimit einer Anfrage muss mehr als 0 ms betragen (es ist %1)</translation>
    </message>
    <message>
        <source>there are no metric queries</source>
        <translation>es gibt keine Metrik-Abfragen</translation>
    </message>
    <message>
        <source>%1 has two queries; keep one</source>
        <translation>%1 hat zwei Abfragen; behalten Sie eine</translation>
    </message>
    <message>
        <source>the query for %1 is empty</source>
        <translation>die Abfrage für %1 ist leer</translation>
    </message>
    <message>
        <source>the query for %1 has no ${color}, so blue and green would get the same series</source>
        <translation>die Abfrage für %1 hat kein ${color}, also bekämen Blau und Grün dieselbe Zeitreihe</translation>
    </message>
    <message>
        <source>%1 is kept in %2, so its unit must be %3, not %4</source>
        <translation>%1 wird in %2 geführt, also muss seine Einheit %3 sein, nicht %4</translation>
    </message>
    <message>
        <source>Metrics configuration: %1</source>
        <translation>Metrik-Konfiguration: %1</translation>
    </message>
    <message>
        <source>Metrics polling cannot start: there is no metrics configuration</source>
        <translation>Die Metrik-Abfrage kann nicht starten: es gibt keine Metrik-Konfiguration</translation>
    </message>
    <message>
        <source>Metrics history cannot be fetched: there is no metrics configuration</source>
        <translation>Der Metrikverlauf kann nicht abgerufen werden: es gibt keine Metrik-Konfiguration</translation>
    </message>
    <message>
        <source>Metrics history: the range ends (%1) before it starts (%2)</source>
        <translation>Metrikverlauf: der Bereich endet (%1), bevor er beginnt (%2)</translation>
    </message>
    <message>
        <source>the query returned %1 series (%2) where one was expected; aggregate it to one series per colour, e.g. sum by (color) (...) or max by (color) (...)</source>
        <translation>die Abfrage lieferte %1 Serien (%2), erwartet war eine; fassen Sie sie zu einer Serie je Farbe zusammen, z. B. sum by (color) (...) oder max by (color) (...)</translation>
    </message>
    <message>
        <source>the query returned a range vector (matrix) where one value was expected; use an instant expression, e.g. rate(x[5m]) rather than x[5m]</source>
        <translation>die Abfrage lieferte einen Bereichsvektor (Matrix), erwartet war ein Wert; verwenden Sie einen Instant-Ausdruck, z. B. rate(x[5m]) statt x[5m]</translation>
    </message>
    <message>
        <source>the query returned a string (&quot;%1&quot;) where a number was expected</source>
        <translation>die Abfrage lieferte eine Zeichenkette („%1“), erwartet war eine Zahl</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>a range query returned a %1, not a matrix</source>
        <translation>eine Bereichsabfrage lieferte den Typ %1, keine Matrix</translation>
    </message>
    <message>
        <source>%1: history from %2 to %3: %4</source>
        <translation>%1: Verlauf von %2 bis %3: %4</translation>
    </message>
    <message>
        <source>no traffic: the query returned no series for green, as expected while green has had no requests; once green has traffic, check that its ${color} selector matches green&apos;s labels</source>
        <translation>kein Traffic: die Abfrage lieferte keine Serie für Grün, wie erwartet, solange Grün keine Anfragen hatte; sobald Grün Traffic hat, prüfen Sie, ob ihr ${color}-Selektor zu den Labels von Grün passt</translation>
    </message>
    <message>
        <source>no data: the query returned an empty result; check that its ${color} selector matches the blue deployment&apos;s labels, or the service may have no traffic yet</source>
        <translation>keine Daten: die Abfrage lieferte ein leeres Ergebnis; prüfen Sie, ob ihr ${color}-Selektor zu den Labels des blauen Deployments passt, oder der Dienst hat noch keinen Traffic</translation>
    </message>
</context>
<context>
    <name>MetricsSession</name>
    <message>
        <source>Polling %1 every %2 s</source>
        <translation>Abfrage von %1 alle %2 s</translation>
    </message>
    <message>
        <source>%1: no query is answered (%2)</source>
        <translation>%1: keine Abfrage wird beantwortet (%2)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 queries fail (%4)</source>
        <translation>%1: %2 von %3 Abfragen schlagen fehl (%4)</translation>
    </message>
    <message>
        <source>%1: %2 of blue&apos;s series answer with samples older than %3 s</source>
        <translation>%1: %2 Zeitreihen von Blau antworten mit Messwerten, die älter als %3 s sind</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbinde mit %1</translation>
    </message>
    <message>
        <source>Cannot authenticate to the metrics provider: %1</source>
        <translation>Anmeldung beim Metrik-Anbieter nicht möglich: %1</translation>
    </message>
    <message>
        <source>Not polling</source>
        <translation>Keine Abfrage</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MonitoringView</name>
    <message>
        <source>Monitoring</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <source>&amp;Time window:</source>
        <translation>&amp;Zeitfenster:</translation>
    </message>
</context>
<context>
    <name>NewDeploymentDialog</name>
    <message>
        <source>New deployment</source>
        <translation>Neues Deployment</translation>
    </message>
    <message>
        <source>e.g. checkout-api</source>
        <translation>z. B. checkout-api</translation>
    </message>
    <message>
        <source>e.g. v2.14.0 or a1b2c3d</source>
        <translation>z. B. v2.14.0 oder a1b2c3d</translation>
    </message>
    <message>
        <source>Start deployment</source>
        <translation>Deployment starten</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>&amp;Service:</translation>
    </message>
    <message>
        <source>&amp;Version or git ref:</source>
        <translation>&amp;Version oder Git-Ref:</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Operator:</translation>
    </message>
    <message>
        <source>Runbook:</source>
        <translation>Runbook:</translation>
    </message>
</context>
<context>
    <name>OpenDeploymentDialog</name>
    <message>
        <source>Open deployment</source>
        <translation>Deployment öffnen</translation>
    </message>
    <message>
        <source>Deployments in the journal</source>
        <translation>Deployments im Journal</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Override the traffic gate</source>
        <translation>Traffic-Gate übersteuern</translation>
    </message>
    <message>
        <source>The runbook&apos;s gate does not allow moving from %1% to %2% green now:</source>
        <translation>Das Gate des Runbooks erlaubt jetzt keinen Wechsel von %1% auf %2% Grün:</translation>
    </message>
    <message>
        <source>Overriding sends %1% of production traffic to green anyway. The override, your name and your reason are journaled and appear in the deployment&apos;s reports.</source>
        <translation>Das Übersteuern schickt trotzdem %1% des Produktions-Traffics auf Grün. Das Übersteuern, Ihr Name und Ihre Begründung werden im Journal festgehalten und erscheinen in den Berichten des Deployments.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>Reason for the override</source>
        <translation>Begründung für das Übersteuern</translation>
    </message>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation>Zur Bestätigung &lt;b&gt;%1&lt;/b&gt; eingeben:</translation>
    </message>
    <message>
        <source>Confirmation phrase</source>
        <translation>Bestätigungstext</translation>
    </message>
    <message>
        <source>Type %1 to confirm the override</source>
        <translation>Geben Sie %1 ein, um das Übersteuern zu bestätigen</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Übersteuern</translation>
    </message>
</context>
<context>
    <name>PdfReportWriter</name>
    <message>
        <source>%1: cannot write the report: %2</source>
        <translation>%1: der Bericht kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot paint the PDF</source>
        <translation>%1: das PDF kann nicht gezeichnet werden</translation>
    </message>
</context>
<context>
    <name>PhaseTiming</name>
    <message>
        <source>Planned %1–%2 min</source>
        <translation>Geplant %1–%2 min</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source> · finished</source>
        <translation> · fertig</translation>
    </message>
    <message>
        <source> · starts in %1 min</source>
        <translation> · beginnt in %1 min</translation>
    </message>
    <message>
        <source> · in its window, %1 min left</source>
        <translation> · im Zeitfenster, noch %1 min</translation>
    </message>
    <message>
        <source> · %1 min past its window</source>
        <translation> · %1 min über dem Zeitfenster</translation>
    </message>
</context>
<context>
    <name>PostgresBackend</name>
    <message>
        <source>%1; nothing was written</source>
        <translation>%1; nichts wurde geschrieben</translation>
    </message>
    <message>
        <source>%1: cannot read what the database holds: %2</source>
        <translation>%1: der Inhalt der Datenbank kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: the database has other tables and is not a StoneCaster journal; it was left as it is. Give the journal a database of its own (user guide, &quot;Team setup&quot;: Help &gt; User guide, or docs/team.md)</source>
        <translation>%1: die Datenbank hat andere Tabellen und ist kein StoneCaster-Journal; sie wurde unverändert gelassen. Geben Sie dem Journal eine eigene Datenbank (Benutzerhandbuch, „Team setup“: Hilfe &gt; Benutzerhandbuch, oder docs/team.md)</translation>
    </message>
    <message>
        <source>%1: cannot start %2: %3</source>
        <translation>%1: %2 kann nicht begonnen werden: %3</translation>
    </message>
</context>
<context>
    <name>PostgresLink</name>
    <message>
        <source>%1: the Qt PostgreSQL driver (QPSQL, Debian package libqt6sql6-psql) is not installed</source>
        <translation>%1: der PostgreSQL-Treiber von Qt (QPSQL, Debian-Paket libqt6sql6-psql) ist nicht installiert</translation>
    </message>
    <message>
        <source>%1: cannot set up the journal&apos;s connection (%2): %3</source>
        <translation>%1: die Verbindung des Journals kann nicht eingerichtet werden (%2): %3</translation>
    </message>
</context>
<context>
    <name>PostgresSchema</name>
    <message>
        <source>cannot read the server&apos;s roles: %1</source>
        <translation>die Rollen des Servers können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>the database has no journal yet, and the server lacks the roles %1 and %2 it grants to; create them first (user guide, &quot;Team setup&quot;: Help &gt; User guide, or docs/team.md): CREATE ROLE %1 NOLOGIN; CREATE ROLE %2 NOLOGIN;</source>
        <translation>die Datenbank hat noch kein Journal, und dem Server fehlen die Rollen %1 und %2, denen es Rechte gibt; legen Sie sie zuerst an (Benutzerhandbuch, „Team setup“: Hilfe &gt; Benutzerhandbuch, oder docs/team.md): CREATE ROLE %1 NOLOGIN; CREATE ROLE %2 NOLOGIN;</translation>
    </message>
    <message>
        <source>cannot start creating the journal: %1</source>
        <translation>das Anlegen des Journals kann nicht beginnen: %1</translation>
    </message>
    <message>
        <source>journal format %1 cannot be brought to %2 in PostgreSQL by this console</source>
        <translation>Journalformat %1 kann von dieser Konsole in PostgreSQL nicht auf %2 gebracht werden</translation>
    </message>
</context>
<context>
    <name>ProcedureCatalog</name>
    <message>
        <source>the profile, line %1</source>
        <translation>das Profil, Zeile %1</translation>
    </message>
    <message>
        <source>text &quot;%1&quot;</source>
        <translation>den Text „%1“</translation>
    </message>
    <message>
        <source>item &quot;%1&quot;</source>
        <translation>den Punkt „%1“</translation>
    </message>
    <message>
        <source>%1: the binding for the %2 (%3) matches no checklist item of the runbook, so it does nothing; check the spelling against the runbook (--parse-runbook lists every item&apos;s id and text)</source>
        <translation>%1: die Bindung für %2 (%3) passt zu keinem Checklistenpunkt des Runbooks und bewirkt daher nichts; prüfen Sie die Schreibweise am Runbook (--parse-runbook listet ID und Text jedes Punkts)</translation>
    </message>
</context>
<context>
    <name>ProcedurePanel</name>
    <message>
        <source>Start procedure</source>
        <translation>Prozedur starten</translation>
    </message>
    <message>
        <source>Confirm done</source>
        <translation>Erledigt bestätigen</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>Wiederh&amp;olen</translation>
    </message>
    <message>
        <source>S&amp;kip step…</source>
        <translation>Schritt übe&amp;rspringen…</translation>
    </message>
    <message>
        <source>&amp;Abort…</source>
        <translation>Abbre&amp;chen…</translation>
    </message>
    <message>
        <source>&amp;View script…</source>
        <translation>Skript an&amp;zeigen…</translation>
    </message>
    <message>
        <source>Procedure steps</source>
        <translation>Schritte der Prozedur</translation>
    </message>
    <message>
        <source>Output of the step</source>
        <translation>Ausgabe des Schritts</translation>
    </message>
    <message>
        <source>&lt;b&gt;Procedure&lt;/b&gt;</source>
        <translation>&lt;b&gt;Prozedur&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>The selected step&apos;s output appears here.</source>
        <translation>Hier erscheint die Ausgabe des gewählten Schritts.</translation>
    </message>
    <message>
        <source>by hand: confirm when done</source>
        <translation>von Hand: nach Erledigung bestätigen</translation>
    </message>
    <message>
        <source>⚠ destructive · </source>
        <translation>⚠ verändernd · </translation>
    </message>
    <message>
        <source>✓ confirmed by %1 %2</source>
        <translation>✓ bestätigt von %1 %2</translation>
    </message>
    <message>
        <source>✓ done %1 (%2)</source>
        <translation>✓ erledigt %1 (%2)</translation>
    </message>
    <message>
        <source>✓ checked by %1 %2</source>
        <translation>✓ geprüft von %1 %2</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <source>✗ failed: %1</source>
        <translation>✗ fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>running in %1&apos;s console since %2</source>
        <translation>läuft seit %2 in der Konsole von %1</translation>
    </message>
    <message>
        <source>running… since %1</source>
        <translation>läuft… seit %1</translation>
    </message>
    <message>
        <source>interrupted (was running at %1)</source>
        <translation>unterbrochen (lief um %1)</translation>
    </message>
    <message>
        <source>still running since %1, outside this console: %2</source>
        <translation>läuft noch seit %1, außerhalb dieser Konsole: %2</translation>
    </message>
    <message>
        <source>ended; its result is not saved yet (retried every %1 s)</source>
        <translation>beendet; das Ergebnis ist noch nicht gespeichert (neuer Versuch alle %1 s)</translation>
    </message>
    <message>
        <source>your turn: do it, then confirm</source>
        <translation>Sie sind dran: ausführen, dann bestätigen</translation>
    </message>
    <message>
        <source>waits for your confirmation</source>
        <translation>wartet auf Ihre Bestätigung</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>Starts by itself when traffic is rolled back (the red Roll back button or an automatic trigger); or start it here.</source>
        <translation>Startet von selbst, wenn der Traffic zurückgerollt wird (der rote Rollback-Knopf oder ein automatischer Trigger); oder starten Sie sie hier.</translation>
    </message>
    <message>
        <source>Start it when this emergency happens: bound steps run by themselves, the others wait for you.</source>
        <translation>Starten Sie sie, wenn dieser Notfall eintritt: Zugeordnete Schritte laufen von selbst, die anderen warten auf Sie.</translation>
    </message>
    <message>
        <source>running since %1%2</source>
        <translation>läuft seit %1%2</translation>
    </message>
    <message>
        <source> (started automatically)</source>
        <translation> (automatisch gestartet)</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d97a00&apos;&gt;Not saved yet:&lt;/b&gt; “%1” has ended, and the journal refused its result. It is kept and written again every %2 s; nothing else happens until it is saved, and the step is not run again.</source>
        <translation>&lt;b style=&apos;color:#d97a00&apos;&gt;Noch nicht gespeichert:&lt;/b&gt; „%1“ ist beendet, und das Journal hat sein Ergebnis abgelehnt. Es wird aufbewahrt und alle %2 s erneut geschrieben; bis es gespeichert ist, geschieht nichts weiter, und der Schritt wird nicht erneut ausgeführt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Still running:&lt;/b&gt; “%1” was started by a console that stopped or lost the deployment, and its program still runs (%2). It is not run again; once it has ended you can run it again or skip it.</source>
        <translation>&lt;b&gt;Läuft noch:&lt;/b&gt; „%1“ wurde von einer Konsole gestartet, die ausgefallen ist oder das Deployment verloren hat, und sein Programm läuft noch (%2). Er wird nicht erneut ausgeführt; sobald er beendet ist, können Sie ihn erneut ausführen oder überspringen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Running:&lt;/b&gt; %1 — %2</source>
        <translation>&lt;b&gt;Läuft:&lt;/b&gt; %1 — %2</translation>
    </message>
    <message>
        <source>waiting for you</source>
        <translation>wartet auf Sie</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d97a00&apos;&gt;Your turn:&lt;/b&gt; do “%1”, then press &lt;b&gt;Confirm done&lt;/b&gt; (or skip it with a reason).</source>
        <translation>&lt;b style=&apos;color:#d97a00&apos;&gt;Sie sind dran:&lt;/b&gt; Führen Sie „%1“ aus und drücken Sie dann &lt;b&gt;Erledigt bestätigen&lt;/b&gt; (oder überspringen Sie den Schritt mit Begründung).</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d97a00&apos;&gt;Confirm to run:&lt;/b&gt; “%1” is destructive: %2. Press &lt;b&gt;Run…&lt;/b&gt; to read the script and run it.</source>
        <translation>&lt;b style=&apos;color:#d97a00&apos;&gt;Ausführen bestätigen:&lt;/b&gt; „%1“ verändert das System: %2. Drücken Sie &lt;b&gt;Ausführen…&lt;/b&gt;, um das Skript zu lesen und auszuführen.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d03030&apos;&gt;Interrupted:&lt;/b&gt; “%1” was running when the console stopped. Check what it did, then &lt;b&gt;Run again…&lt;/b&gt; or skip it with a reason.</source>
        <translation>&lt;b style=&apos;color:#d03030&apos;&gt;Unterbrochen:&lt;/b&gt; „%1“ lief, als die Konsole ausfiel. Prüfen Sie, was er getan hat, dann &lt;b&gt;Erneut ausführen…&lt;/b&gt; oder mit Begründung überspringen.</translation>
    </message>
    <message>
        <source>stopped on a failed step</source>
        <translation>bei einem fehlgeschlagenen Schritt angehalten</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#d03030&apos;&gt;Failed:&lt;/b&gt; “%1”: %2. &lt;b&gt;Retry&lt;/b&gt;, &lt;b&gt;Skip&lt;/b&gt; with a reason, or &lt;b&gt;Abort&lt;/b&gt; the procedure.</source>
        <translation>&lt;b style=&apos;color:#d03030&apos;&gt;Fehlgeschlagen:&lt;/b&gt; „%1“: %2. &lt;b&gt;Wiederholen&lt;/b&gt;, mit Begründung &lt;b&gt;überspringen&lt;/b&gt; oder die Prozedur &lt;b&gt;abbrechen&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>completed at %1</source>
        <translation>abgeschlossen um %1</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2e9d4f&apos;&gt;Completed.&lt;/b&gt; Every step is done or skipped; the journal has each step&apos;s output. If the emergency happens again, run the procedure again.</source>
        <translation>&lt;b style=&apos;color:#2e9d4f&apos;&gt;Abgeschlossen.&lt;/b&gt; Jeder Schritt ist erledigt oder übersprungen; das Journal enthält die Ausgabe jedes Schritts. Tritt der Notfall erneut ein, führen Sie die Prozedur erneut aus.</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2e9d4f&apos;&gt;Completed.&lt;/b&gt; Every step is done or skipped; the journal has each step&apos;s output.</source>
        <translation>&lt;b style=&apos;color:#2e9d4f&apos;&gt;Abgeschlossen.&lt;/b&gt; Jeder Schritt ist erledigt oder übersprungen; das Journal enthält die Ausgabe jedes Schritts.</translation>
    </message>
    <message>
        <source>aborted at %1</source>
        <translation>abgebrochen um %1</translation>
    </message>
    <message>
        <source>Aborted: %1. Start it again to continue from the first open step.</source>
        <translation>Abgebrochen: %1. Starten Sie sie erneut, um beim ersten offenen Schritt fortzufahren.</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Read-only here: %1.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Hier schreibgeschützt: %1.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Restart procedure</source>
        <translation>Prozedur neu starten</translation>
    </message>
    <message>
        <source>Run procedure again</source>
        <translation>Prozedur erneut ausführen</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>A&amp;usführen…</translation>
    </message>
    <message>
        <source>&amp;Run again…</source>
        <translation>Erne&amp;ut ausführen…</translation>
    </message>
    <message>
        <source>&amp;Confirm done</source>
        <translation>Erledigt &amp;bestätigen</translation>
    </message>
    <message>
        <source>“%1” is still under way. Start “%2” as well?</source>
        <translation>„%1“ läuft noch. „%2“ zusätzlich starten?</translation>
    </message>
    <message>
        <source>no procedure</source>
        <translation>keine Prozedur</translation>
    </message>
    <message>
        <source>Run step</source>
        <translation>Schritt ausführen</translation>
    </message>
    <message>
        <source>“%1” was running when the console stopped. Run it again now? It %2.</source>
        <translation>„%1“ lief, als die Konsole ausfiel. Jetzt erneut ausführen? Aktion: %2.</translation>
    </message>
    <message>
        <source>Run “%1” now? It %2.</source>
        <translation>„%1“ jetzt ausführen? Aktion: %2.</translation>
    </message>
    <message>
        <source>Skip step</source>
        <translation>Schritt überspringen</translation>
    </message>
    <message>
        <source>Why is “%1” skipped?</source>
        <translation>Warum wird „%1“ übersprungen?</translation>
    </message>
    <message>
        <source>Abort procedure</source>
        <translation>Prozedur abbrechen</translation>
    </message>
    <message>
        <source>Abort “%1”? A running step is ended (its whole process group). Why?</source>
        <translation>„%1“ abbrechen? Ein laufender Schritt wird beendet (seine ganze Prozessgruppe). Warum?</translation>
    </message>
</context>
<context>
    <name>ProcedureRunner</name>
    <message>
        <source>%1 has already been completed</source>
        <translation>%1 ist bereits abgeschlossen</translation>
    </message>
    <message>
        <source>the result of “%1” is not saved in the journal yet; it is retried every %2 s</source>
        <translation>das Ergebnis von „%1“ ist noch nicht im Journal gespeichert; es wird alle %2 s erneut versucht</translation>
    </message>
    <message>
        <source>no step of %1 is waiting for a confirmation</source>
        <translation>kein Schritt von %1 wartet auf eine Bestätigung</translation>
    </message>
    <message>
        <source>no step of %1 has failed</source>
        <translation>kein Schritt von %1 ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no action to run any more (the profile changed); skip it with a reason or check it in the checklist</source>
        <translation>„%1“ hat keine Aktion mehr (das Profil hat sich geändert); überspringen Sie ihn mit einem Grund oder haken Sie ihn in der Checkliste ab</translation>
    </message>
    <message>
        <source>the step is running; abort the procedure to stop it</source>
        <translation>der Schritt läuft; brechen Sie die Prozedur ab, um ihn anzuhalten</translation>
    </message>
    <message>
        <source>no step of %1 is waiting or failed</source>
        <translation>kein Schritt von %1 wartet oder ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>aborting a procedure needs a reason</source>
        <translation>das Abbrechen einer Prozedur braucht einen Grund</translation>
    </message>
    <message>
        <source>%1 is not running</source>
        <translation>%1 läuft nicht</translation>
    </message>
    <message>
        <source>The result of “%1” (%2) is not saved: %3. It is kept and written again every %4 s; the step is not run again meanwhile.</source>
        <translation>Das Ergebnis von „%1“ (%2) ist nicht gespeichert: %3. Es wird aufbewahrt und alle %4 s erneut geschrieben; der Schritt wird solange nicht erneut ausgeführt.</translation>
    </message>
</context>
<context>
    <name>ProcedureSet</name>
    <message>
        <source>no check is bound to &quot;%1&quot; in the profile</source>
        <translation>im Profil ist keine Prüfung an „%1“ gebunden</translation>
    </message>
    <message>
        <source>the check is already running</source>
        <translation>die Prüfung läuft bereits</translation>
    </message>
</context>
<context>
    <name>ProcessRunner</name>
    <message>
        <source>no program is configured</source>
        <translation>kein Programm ist eingerichtet</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1: Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>%1: is a directory, not a program</source>
        <translation>%1: ist ein Ordner, kein Programm</translation>
    </message>
    <message>
        <source>%1: is not executable (chmod +x?)</source>
        <translation>%1: ist nicht ausführbar (chmod +x?)</translation>
    </message>
</context>
<context>
    <name>ProfileJsonReader</name>
    <message>
        <source>unknown key &quot;%1&quot; in %2 (expected one of: %3)</source>
        <translation>unbekannter Schlüssel „%1“ in %2 (erwartet einer von: %3)</translation>
    </message>
    <message>
        <source>missing key &quot;%1&quot; in %2</source>
        <translation>Schlüssel „%1“ fehlt in %2</translation>
    </message>
    <message>
        <source>%1 must be an object</source>
        <translation>%1 muss ein Objekt sein</translation>
    </message>
    <message>
        <source>%1 must be a non-empty string</source>
        <translation>%1 muss eine nicht leere Zeichenkette sein</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3</source>
        <translation>%1 muss eine Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http:// or https:// URL</source>
        <translation>„%1“ ist keine http://- oder https://-URL</translation>
    </message>
    <message>
        <source>the URL must not carry a user or password; use &quot;auth&quot;</source>
        <translation>die URL darf keinen Benutzer und kein Passwort enthalten; verwenden Sie „auth“</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3</source>
        <translation>%1 muss eine ganze Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>%1 must be an array of strings</source>
        <translation>%1 muss ein Array von Zeichenketten sein</translation>
    </message>
    <message>
        <source>%1 must be a string</source>
        <translation>%1 muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>der obersten Ebene</translation>
    </message>
    <message>
        <source>missing key &quot;%1&quot; in %2: say where the secret comes from, {&quot;env&quot;: &quot;VARIABLE&quot;} or {&quot;keychain&quot;: &quot;KEY&quot;}</source>
        <translation>Schlüssel „%1“ fehlt in %2: geben Sie an, woher das Geheimnis kommt, {&quot;env&quot;: &quot;VARIABLE&quot;} oder {&quot;keychain&quot;: &quot;KEY&quot;}</translation>
    </message>
    <message>
        <source>%1 must not hold the secret itself: write {&quot;env&quot;: &quot;VARIABLE&quot;} or {&quot;keychain&quot;: &quot;KEY&quot;}, and keep the value there</source>
        <translation>%1 darf nicht das Geheimnis selbst enthalten: schreiben Sie {&quot;env&quot;: &quot;VARIABLE&quot;} oder {&quot;keychain&quot;: &quot;KEY&quot;} und bewahren Sie den Wert dort auf</translation>
    </message>
    <message>
        <source>%1 must be {&quot;env&quot;: &quot;VARIABLE&quot;} or {&quot;keychain&quot;: &quot;KEY&quot;}</source>
        <translation>%1 muss {&quot;env&quot;: &quot;VARIABLE&quot;} oder {&quot;keychain&quot;: &quot;KEY&quot;} sein</translation>
    </message>
    <message>
        <source>%1 needs exactly one of &quot;env&quot; and &quot;keychain&quot;</source>
        <translation>%1 braucht genau eines von „env“ und „keychain“</translation>
    </message>
    <message>
        <source>&quot;service&quot; only applies to a keychain secret</source>
        <translation>„service“ gilt nur für ein Geheimnis aus dem Schlüsselbund</translation>
    </message>
</context>
<context>
    <name>ProfileLoader</name>
    <message>
        <source>unknown auth type &quot;%1&quot; (expected none, bearer or basic)</source>
        <translation>unbekannte Anmeldeart „%1“ (erwartet none, bearer oder basic)</translation>
    </message>
    <message>
        <source>the %1 query has no %2 placeholder: blue and green are queried separately</source>
        <translation>die Abfrage %1 hat keinen Platzhalter %2: Blau und Grün werden getrennt abgefragt</translation>
    </message>
    <message>
        <source>the %1 query&apos;s unit is &quot;%2&quot;; expected %3</source>
        <translation>die Einheit der Abfrage %1 ist „%2“; erwartet %3</translation>
    </message>
    <message>
        <source>%1 needs exactly one of &quot;measuredOverMinutes&quot; (blue&apos;s p95 before the first shift) and &quot;milliseconds&quot; (given)</source>
        <translation>%1 braucht genau eines von „measuredOverMinutes“ (das p95 von Blau vor der ersten Verlagerung) und „milliseconds“ (vorgegeben)</translation>
    </message>
    <message>
        <source>&quot;milliseconds&quot; must be a positive number</source>
        <translation>„milliseconds“ muss eine positive Zahl sein</translation>
    </message>
    <message>
        <source>unknown traffic controller &quot;%1&quot; (expected demo, haproxy, http or command)</source>
        <translation>unbekannter Traffic-Controller „%1“ (erwartet demo, haproxy, http oder command)</translation>
    </message>
    <message>
        <source>the Authorization header must not be written in the profile; use &quot;auth&quot;</source>
        <translation>der Authorization-Header darf nicht im Profil stehen; verwenden Sie „auth“</translation>
    </message>
    <message>
        <source>unknown alert provider &quot;%1&quot; (this version speaks to &quot;alertmanager&quot;)</source>
        <translation>unbekannter Alarm-Anbieter „%1“ (diese Version spricht mit „alertmanager“)</translation>
    </message>
    <message>
        <source>&quot;alerts&quot; needs &quot;matchers&quot;, the labels a security alert has, like {&quot;category&quot;: &quot;security&quot;}</source>
        <translation>„alerts“ braucht „matchers“, die Labels eines Sicherheitsalarms, etwa {&quot;category&quot;: &quot;security&quot;}</translation>
    </message>
    <message>
        <source>&quot;bindings&quot; must be an array of objects</source>
        <translation>„bindings“ muss ein Array von Objekten sein</translation>
    </message>
    <message>
        <source>&quot;bindings&quot;[%1] must be an object</source>
        <translation>„bindings“[%1] muss ein Objekt sein</translation>
    </message>
    <message>
        <source>%1 needs exactly one of &quot;item&quot; (an item id) or &quot;text&quot; (the item&apos;s text)</source>
        <translation>%1 braucht genau eines von „item“ (die ID eines Punkts) oder „text“ (der Text des Punkts)</translation>
    </message>
    <message>
        <source>%1: unknown action &quot;%2&quot; (expected traffic-to-blue, verify-blue-stable, health, http, tcp or command)</source>
        <translation>%1: unbekannte Aktion „%2“ (erwartet traffic-to-blue, verify-blue-stable, health, http, tcp oder command)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an http:// or https:// URL</source>
        <translation>%1: „%2“ ist keine http://- oder https://-URL</translation>
    </message>
    <message>
        <source>%1: missing key &quot;port&quot;</source>
        <translation>%1: Schlüssel „port“ fehlt</translation>
    </message>
    <message>
        <source>%1: &quot;destructive&quot; must be true or false</source>
        <translation>%1: „destructive“ muss true oder false sein</translation>
    </message>
    <message>
        <source>unknown metrics provider &quot;%1&quot; (this version speaks to &quot;prometheus&quot;)</source>
        <translation>unbekannter Metrik-Anbieter „%1“ (diese Version spricht mit „prometheus“)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http:// or https:// URL</source>
        <translation>„%1“ ist keine http://- oder https://-URL</translation>
    </message>
    <message>
        <source>the URL must not carry a user or password; use &quot;auth&quot;</source>
        <translation>die URL darf keinen Benutzer und kein Passwort enthalten; verwenden Sie „auth“</translation>
    </message>
    <message>
        <source>%1: is a directory, not a profile</source>
        <translation>%1: ist ein Ordner, kein Profil</translation>
    </message>
    <message>
        <source>%1: not a regular file (%2); a profile is a JSON file</source>
        <translation>%1: keine reguläre Datei (%2); ein Profil ist eine JSON-Datei</translation>
    </message>
    <message>
        <source>%1: %2 bytes is too large for a profile</source>
        <translation>%1: %2 Bytes sind zu groß für ein Profil</translation>
    </message>
    <message>
        <source>%1: cannot open the profile: %2</source>
        <translation>%1: das Profil kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>expected &quot;,&quot; or &quot;}&quot; before this (a missing comma?)</source>
        <translation>hier davor wird „,“ oder „}“ erwartet (ein fehlendes Komma?)</translation>
    </message>
    <message>
        <source>expected &quot;,&quot; or &quot;]&quot; before this (a missing comma?)</source>
        <translation>hier davor wird „,“ oder „]“ erwartet (ein fehlendes Komma?)</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>ungültiges JSON: %1</translation>
    </message>
    <message>
        <source>a profile is a JSON object ({ ... })</source>
        <translation>ein Profil ist ein JSON-Objekt ({ ... })</translation>
    </message>
    <message>
        <source>cannot create a folder for the demo&apos;s scripts: %1</source>
        <translation>für die Skripte der Demo kann kein Ordner angelegt werden: %1</translation>
    </message>
    <message>
        <source>cannot write the demo script %1</source>
        <translation>das Demo-Skript %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1 must be an object with &quot;format&quot; and &quot;url&quot;</source>
        <translation>%1 muss ein Objekt mit „format“ und „url“ sein</translation>
    </message>
    <message>
        <source>a Slack webhook takes no &quot;template&quot;: its message has Slack&apos;s blocks</source>
        <translation>ein Slack-Webhook nimmt kein „template“: seine Nachricht besteht aus Slacks Blöcken</translation>
    </message>
    <message>
        <source>unknown webhook format &quot;%1&quot; (expected slack or generic)</source>
        <translation>unbekanntes Webhook-Format „%1“ (erwartet slack oder generic)</translation>
    </message>
</context>
<context>
    <name>PrometheusClient</name>
    <message>
        <source>No metrics base URL is set; the profile needs one such as http://prometheus:9090</source>
        <translation>Keine Basis-URL für Metriken gesetzt; das Profil braucht eine wie http://prometheus:9090</translation>
    </message>
    <message>
        <source>The metrics base URL &quot;%1&quot; is not a valid URL: %2</source>
        <translation>Die Basis-URL für Metriken „%1“ ist keine gültige URL: %2</translation>
    </message>
    <message>
        <source>The metrics base URL &quot;%1&quot; must start with http:// or https://</source>
        <translation>Die Basis-URL für Metriken „%1“ muss mit http:// oder https:// beginnen</translation>
    </message>
    <message>
        <source>The metrics base URL &quot;%1&quot; has no host name</source>
        <translation>Die Basis-URL für Metriken „%1“ hat keinen Hostnamen</translation>
    </message>
    <message>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <source>the metrics base URL (metrics.url in the profile)</source>
        <translation>die Basis-URL für Metriken (metrics.url im Profil)</translation>
    </message>
</context>
<context>
    <name>PrometheusReply</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>PrometheusResponse</name>
    <message>
        <source>Prometheus&apos;s answer has an unexpected shape: %1; is the base URL a Prometheus-compatible API?</source>
        <translation>Die Antwort von Prometheus hat eine unerwartete Form: %1; ist die Basis-URL eine Prometheus-kompatible API?</translation>
    </message>
    <message>
        <source>series %1 is a native histogram, not a number; wrap the query in histogram_quantile(), histogram_sum() or similar so that it gives plain values</source>
        <translation>Zeitreihe %1 ist ein natives Histogramm, keine Zahl; fassen Sie die Abfrage in histogram_quantile(), histogram_sum() oder Ähnliches, damit sie einfache Werte liefert</translation>
    </message>
    <message>
        <source>Prometheus sent an empty answer (HTTP %1) where JSON was expected; is the metrics base URL the Prometheus server?</source>
        <translation>Prometheus hat eine leere Antwort geschickt (HTTP %1), wo JSON erwartet wurde; ist die Basis-URL für Metriken der Prometheus-Server?</translation>
    </message>
    <message>
        <source>The answer from Prometheus (HTTP %1) is not JSON (%2); it begins %3. Is the metrics base URL the Prometheus API and not a login page or proxy?</source>
        <translation>Die Antwort von Prometheus (HTTP %1) ist kein JSON (%2); sie beginnt mit %3. Ist die Basis-URL für Metriken die Prometheus-API und keine Anmeldeseite oder ein Proxy?</translation>
    </message>
</context>
<context>
    <name>ReadingDialog</name>
    <message>
        <source>whole file</source>
        <translation>ganze Datei</translation>
    </message>
    <message>
        <source>Traffic plan</source>
        <translation>Traffic-Plan</translation>
    </message>
    <message>
        <source>Share on green</source>
        <translation>Anteil auf Grün</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Haltezeit</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Nicht gelesen</translation>
    </message>
    <message>
        <source>What the console could not read</source>
        <translation>Was die Konsole nicht lesen konnte</translation>
    </message>
    <message>
        <source>&amp;Confirm reading</source>
        <translation>Auswertung &amp;bestätigen</translation>
    </message>
    <message>
        <source>Runbook reading</source>
        <translation>Runbook-Auswertung</translation>
    </message>
    <message>
        <source>What the console read of the runbook. Traffic moves on this reading alone: check it against the runbook (click a row to see its line) and confirm it before the first traffic step.</source>
        <translation>Was die Konsole aus dem Runbook gelesen hat. Der Traffic bewegt sich allein nach dieser Auswertung: Gleichen Sie sie mit dem Runbook ab (ein Klick auf eine Zeile zeigt deren Runbook-Zeile) und bestätigen Sie sie vor dem ersten Traffic-Schritt.</translation>
    </message>
    <message>
        <source>What the reading lacks</source>
        <translation>Was der Auswertung fehlt</translation>
    </message>
    <message>
        <source>Confirm reading</source>
        <translation>Auswertung bestätigen</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>— (last step)</source>
        <translation>— (letzter Schritt)</translation>
    </message>
    <message>
        <source>(no traffic plan)</source>
        <translation>(kein Traffic-Plan)</translation>
    </message>
    <message>
        <source>(no rules)</source>
        <translation>(keine Regeln)</translation>
    </message>
    <message>
        <source>Nothing: every line that looks like a plan or a limit was read.</source>
        <translation>Nichts: Jede Zeile, die wie ein Plan oder ein Grenzwert aussieht, wurde gelesen.</translation>
    </message>
    <message numerus="yes">
        <source>Not read (%n)</source>
        <translation>
            <numerusform>Nicht gelesen (%n)</numerusform>
            <numerusform>Nicht gelesen (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>No deployment is open: a reading is confirmed for a deployment.</source>
        <translation>Kein Deployment geöffnet: Eine Auswertung wird für ein Deployment bestätigt.</translation>
    </message>
    <message>
        <source>%1 (accepted by a headless run)</source>
        <translation>%1 (von einem Headless-Lauf übernommen)</translation>
    </message>
    <message>
        <source>Confirmed by %1 at %2.</source>
        <translation>Bestätigt von %1 um %2.</translation>
    </message>
    <message>
        <source>Confirmed by %1 at %2</source>
        <translation>Bestätigt von %1 um %2</translation>
    </message>
    <message>
        <source>Not confirmed: the traffic gate stays locked (reading not confirmed) until this reading is confirmed.</source>
        <translation>Nicht bestätigt: Das Traffic-Gate bleibt gesperrt (Auswertung nicht bestätigt), bis diese Auswertung bestätigt ist.</translation>
    </message>
    <message>
        <source>Not confirmed; the deployment is closed.</source>
        <translation>Nicht bestätigt; das Deployment ist geschlossen.</translation>
    </message>
    <message>
        <source>%1 confirmed a different reading at %2 (this console reads the runbook differently). The traffic gate stays locked until this reading is confirmed.</source>
        <translation>%1 hat um %2 eine andere Auswertung bestätigt (diese Konsole liest das Runbook anders). Das Traffic-Gate bleibt gesperrt, bis diese Auswertung bestätigt ist.</translation>
    </message>
    <message>
        <source>Only the console that drives the deployment confirms its reading: %1</source>
        <translation>Nur die Konsole, die das Deployment steuert, bestätigt seine Auswertung: %1</translation>
    </message>
    <message>
        <source>Journal that you, %1, checked this reading against the runbook; the gate may then open</source>
        <translation>Im Journal festhalten, dass Sie, %1, diese Auswertung mit dem Runbook abgeglichen haben; danach darf das Gate öffnen</translation>
    </message>
    <message>
        <source>The reading was not confirmed: %1</source>
        <translation>Die Auswertung wurde nicht bestätigt: %1</translation>
    </message>
    <message>
        <source>Runbook source: %1</source>
        <translation>Runbook-Quelltext: %1</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Deployments</translation>
    </message>
    <message>
        <source>default journal</source>
        <translation>Standard-Journal</translation>
    </message>
    <message>
        <source>shared journal</source>
        <translation>gemeinsames Journal</translation>
    </message>
    <message>
        <source>%1 (%2, new window)</source>
        <translation>%1 (%2, neues Fenster)</translation>
    </message>
    <message>
        <source>Deployment %1 in %2</source>
        <translation>Deployment %1 in %2</translation>
    </message>
    <message>
        <source>Runbooks (new window)</source>
        <translation>Runbooks (neues Fenster)</translation>
    </message>
    <message>
        <source>Profiles (new window)</source>
        <translation>Profile (neues Fenster)</translation>
    </message>
    <message>
        <source>No recent deployments or files</source>
        <translation>Keine zuletzt geöffneten Deployments oder Dateien</translation>
    </message>
    <message>
        <source>&amp;Clear list</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Could not start a new console window (%1 %2).</source>
        <translation>Ein neues Konsolenfenster konnte nicht gestartet werden (%1 %2).</translation>
    </message>
</context>
<context>
    <name>ReferencePanel</name>
    <message>
        <source>Reference sections</source>
        <translation>Referenz-Abschnitte</translation>
    </message>
    <message>
        <source>Reference text</source>
        <translation>Referenztext</translation>
    </message>
    <message>
        <source>Runbook line %1</source>
        <translation>Runbook-Zeile %1</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <source>&amp;Export report…</source>
        <translation>Bericht e&amp;xportieren…</translation>
    </message>
    <message>
        <source>S&amp;tatus update…</source>
        <translation>S&amp;tatusmeldung…</translation>
    </message>
    <message>
        <source>Status update due</source>
        <translation>Statusmeldung fällig</translation>
    </message>
    <message>
        <source>The runbook asks for status updates every 15 minutes during the deployment</source>
        <translation>Das Runbook verlangt während des Deployments alle 15 Minuten eine Statusmeldung</translation>
    </message>
    <message>
        <source>A rollback: post a status update (the profile names no webhook)</source>
        <translation>Ein Rollback: Statusmeldung veröffentlichen (das Profil nennt keinen Webhook)</translation>
    </message>
    <message>
        <source>Status update %1 sent: %2</source>
        <translation>Statusmeldung %1 gesendet: %2</translation>
    </message>
    <message>
        <source>A status update to &quot;%1&quot; failed, retrying in %2 s: %3</source>
        <translation>Eine Statusmeldung an „%1“ ist fehlgeschlagen, neuer Versuch in %2 s: %3</translation>
    </message>
    <message>
        <source>A status update to &quot;%1&quot; failed and was given up: %2. Copy it from Deployment &gt; Status update… and post it yourself.</source>
        <translation>Eine Statusmeldung an „%1“ ist fehlgeschlagen und wurde aufgegeben: %2. Kopieren Sie sie über Deployment &gt; Statusmeldung… und veröffentlichen Sie sie selbst.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>HTML, self-contained (*.html)</source>
        <translation>HTML, eigenständig (*.html)</translation>
    </message>
    <message>
        <source>Markdown, charts as PNG beside it (*.md)</source>
        <translation>Markdown, Diagramme als PNG daneben (*.md)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>The report cannot be made: %1</source>
        <translation>Der Bericht kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Stakeholders wait for the status update on %1 %2: Deployment &gt; Status update…</source>
        <translation>Die Beteiligten warten auf die Statusmeldung zu %1 %2: Deployment &gt; Statusmeldung…</translation>
    </message>
</context>
<context>
    <name>ReportDataLoader</name>
    <message>
        <source>the journal is not open</source>
        <translation>das Journal ist nicht geöffnet</translation>
    </message>
    <message>
        <source>%1: no deployment %2 in this journal</source>
        <translation>%1: kein Deployment %2 in diesem Journal</translation>
    </message>
    <message>
        <source>%1: deployment %2: %3</source>
        <translation>%1: Deployment %2: %3</translation>
    </message>
</context>
<context>
    <name>ReportExportDialog</name>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>Writing the report as %1 to
%2</source>
        <translation>Bericht wird als %1 geschrieben nach
%2</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Geschrieben: %1</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Exportfortschritt</translation>
    </message>
</context>
<context>
    <name>ReportSources</name>
    <message>
        <source>no deployment is open</source>
        <translation>kein Deployment ist geöffnet</translation>
    </message>
</context>
<context>
    <name>RollbackPlan</name>
    <message>
        <source>you confirm when done</source>
        <translation>Sie bestätigen nach Erledigung</translation>
    </message>
    <message>
        <source>asks you first: %1</source>
        <translation>fragt Sie vorher: %1</translation>
    </message>
    <message>
        <source>runs by itself: %1</source>
        <translation>läuft von selbst: %1</translation>
    </message>
    <message>
        <source>Then the %1 starts (unless another procedure is under way): %2 by themselves</source>
        <translation>Danach startet die %1 (sofern keine andere Prozedur läuft): %2 von selbst</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) run</source>
        <translation>
            <numerusform>%n Schritt läuft</numerusform>
            <numerusform>%n Schritte laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n ask(s) before running (%1)</source>
        <translation>
            <numerusform>, %n fragt vor dem Ausführen (%1)</numerusform>
            <numerusform>, %n fragen vor dem Ausführen (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n is/are yours to confirm.</source>
        <translation>
            <numerusform>, %n Schritt bestätigen Sie selbst.</numerusform>
            <numerusform>, %n Schritte bestätigen Sie selbst.</numerusform>
        </translation>
    </message>
    <message>
        <source> Show Details lists them.</source>
        <translation> „Details einblenden“ listet sie auf.</translation>
    </message>
</context>
<context>
    <name>Rollout</name>
    <message>
        <source>commanded %1% green but traffic was found at %2% green</source>
        <translation>%1% auf Grün angewiesen, aber der Traffic wurde bei %2% auf Grün gefunden</translation>
    </message>
    <message>
        <source>the command for %1% green has no result (the console stopped while sending it); retry it</source>
        <translation>der Befehl für %1% auf Grün hat kein Ergebnis (die Konsole endete beim Senden); wiederholen Sie ihn</translation>
    </message>
    <message>
        <source>the last traffic command (%1% green) failed: %2</source>
        <translation>der letzte Traffic-Befehl (%1% auf Grün) ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>green is at %1% before the first step (a weight left by an earlier run?); set green to 0% before starting</source>
        <translation>Grün steht vor dem ersten Schritt bei %1% (ein Gewicht aus einem früheren Lauf?); setzen Sie Grün vor dem Start auf 0%</translation>
    </message>
    <message>
        <source>commanded %1% green but the target reports %2%</source>
        <translation>%1% auf Grün angewiesen, aber das Ziel meldet %2%</translation>
    </message>
    <message>
        <source>green is not on a leftover share before the first step: nothing to reset</source>
        <translation>Grün hat vor dem ersten Schritt keinen verbliebenen Anteil: nichts zurückzusetzen</translation>
    </message>
    <message>
        <source>this console cannot change the deployment&apos;s traffic: %1</source>
        <translation>diese Konsole kann den Traffic des Deployments nicht ändern: %1</translation>
    </message>
    <message>
        <source>no traffic controller is configured</source>
        <translation>kein Traffic-Controller ist eingerichtet</translation>
    </message>
    <message>
        <source>a traffic command (%1% green) is in progress; wait for its result, or use Roll back to send everything to blue now</source>
        <translation>ein Traffic-Befehl (%1% auf Grün) läuft; warten Sie auf sein Ergebnis oder schicken Sie mit „Rollback“ jetzt alles auf Blau</translation>
    </message>
    <message>
        <source>a rollback is running: traffic goes to 0% green</source>
        <translation>ein Rollback läuft: der Traffic geht auf 0% Grün</translation>
    </message>
    <message>
        <source>traffic is already at the end of the plan</source>
        <translation>der Traffic ist schon am Ende des Plans</translation>
    </message>
    <message>
        <source>the gate is closed: %1</source>
        <translation>das Gate ist geschlossen: %1</translation>
    </message>
    <message>
        <source>a rollback is running: traffic goes to 0% green (use Retry if its command failed)</source>
        <translation>ein Rollback läuft: der Traffic geht auf 0% Grün („Wiederholen“, falls sein Befehl fehlschlug)</translation>
    </message>
    <message>
        <source>all traffic is already on blue</source>
        <translation>der ganze Traffic ist schon auf Blau</translation>
    </message>
    <message>
        <source>a rollback is running; the gate cannot be overridden towards green</source>
        <translation>ein Rollback läuft; das Gate kann nicht in Richtung Grün übersteuert werden</translation>
    </message>
    <message>
        <source>the runbook&apos;s reading is not confirmed: confirm what the console read before traffic moves (Deployment &gt; Runbook reading…)</source>
        <translation>die Runbook-Auswertung ist nicht bestätigt: bestätigen Sie, was die Konsole gelesen hat, bevor sich Traffic bewegt (Deployment &gt; Runbook-Auswertung…)</translation>
    </message>
    <message>
        <source>the gate is open: step forward without overriding it</source>
        <translation>das Gate ist offen: gehen Sie einen Schritt vor, ohne es zu übersteuern</translation>
    </message>
    <message>
        <source>the last traffic command landed and the target agrees with it</source>
        <translation>der letzte Traffic-Befehl ist angekommen und das Ziel stimmt mit ihm überein</translation>
    </message>
    <message>
        <source>the gate is closed for %1% now: %2</source>
        <translation>das Gate ist für %1% jetzt geschlossen: %2</translation>
    </message>
    <message>
        <source>all traffic is already on blue: there is nothing to roll back</source>
        <translation>der ganze Traffic ist schon auf Blau: es gibt nichts zurückzurollen</translation>
    </message>
    <message>
        <source>commanded %1% green but %2 reports %3% green</source>
        <translation>%1% auf Grün angewiesen, aber %2 meldet %3% auf Grün</translation>
    </message>
    <message>
        <source>commanded %1% green but the target reports %2% green</source>
        <translation>%1% auf Grün angewiesen, aber das Ziel meldet %2% auf Grün</translation>
    </message>
    <message>
        <source>commanded %1% green but the measured share (traffic_share) is %2% for %3 s</source>
        <translation>%1% auf Grün angewiesen, aber der gemessene Anteil (traffic_share) liegt seit %3 s bei %2%</translation>
    </message>
    <message>
        <source>normal response time is not known yet (blue&apos;s p95 over the %1 min before the first shift)</source>
        <translation>die normale Antwortzeit ist noch nicht bekannt (p95 von Blau über die %1 min vor dem ersten Traffic-Schritt)</translation>
    </message>
    <message>
        <source>normal response time is not known</source>
        <translation>die normale Antwortzeit ist nicht bekannt</translation>
    </message>
    <message>
        <source>the traffic controller is not ready</source>
        <translation>der Traffic-Controller ist nicht bereit</translation>
    </message>
    <message>
        <source>overriding the gate needs a reason</source>
        <translation>das Übersteuern des Gates braucht einen Grund</translation>
    </message>
    <message>
        <source>the command for 0% green was not sent: another console took this deployment&apos;s lock over</source>
        <translation>der Befehl für 0% Grün wurde nicht gesendet: eine andere Konsole hat die Sperre dieses Deployments übernommen</translation>
    </message>
    <message>
        <source>the command for 0% green was sent without being journaled (written as soon as the journal takes it): %1</source>
        <translation>der Befehl für 0% Grün wurde gesendet, ohne im Journal festgehalten zu sein (er wird geschrieben, sobald das Journal ihn annimmt): %1</translation>
    </message>
    <message>
        <source>the traffic command was not sent because the journal refused it: %1</source>
        <translation>der Traffic-Befehl wurde nicht gesendet, weil das Journal ihn abgelehnt hat: %1</translation>
    </message>
    <message>
        <source>the rollback was not journaled (written as soon as the journal takes it): %1</source>
        <translation>der Rollback wurde nicht im Journal festgehalten (er wird geschrieben, sobald das Journal ihn annimmt): %1</translation>
    </message>
    <message>
        <source>a traffic result was not journaled: %1</source>
        <translation>ein Traffic-Ergebnis wurde nicht im Journal festgehalten: %1</translation>
    </message>
    <message>
        <source>a breach was not journaled: %1</source>
        <translation>eine Überschreitung wurde nicht im Journal festgehalten: %1</translation>
    </message>
    <message>
        <source>traffic found elsewhere than commanded was not journaled: %1</source>
        <translation>Traffic, der anders als angewiesen verteilt ist, wurde nicht im Journal festgehalten: %1</translation>
    </message>
    <message>
        <source>the end of a traffic drift was not journaled: %1</source>
        <translation>das Ende einer Traffic-Abweichung wurde nicht im Journal festgehalten: %1</translation>
    </message>
    <message>
        <source>a change of the gate was not journaled: %1</source>
        <translation>eine Änderung des Gates wurde nicht im Journal festgehalten: %1</translation>
    </message>
</context>
<context>
    <name>RolloutSession</name>
    <message>
        <source>cannot read the traffic controller&apos;s secret: %1</source>
        <translation>das Geheimnis des Traffic-Controllers kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1: rules.for names rules the runbook does not have: %2 (the runbook&apos;s rules: %3)</source>
        <translation>%1: rules.for nennt Regeln, die das Runbook nicht hat: %2 (die Regeln des Runbooks: %3)</translation>
    </message>
    <message>
        <source>the profile has no &quot;traffic&quot; section: this console watches but cannot move traffic</source>
        <translation>das Profil hat keinen Abschnitt „traffic“: diese Konsole beobachtet, kann aber keinen Traffic verlagern</translation>
    </message>
    <message>
        <source>connecting to the traffic controller</source>
        <translation>verbinde mit dem Traffic-Controller</translation>
    </message>
</context>
<context>
    <name>RuleEvaluator</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>no sample from green yet</source>
        <translation>noch kein Messwert von Grün</translation>
    </message>
    <message>
        <source>0/0: green&apos;s latest sample is NaN (nothing was measured, e.g. no requests in the window)</source>
        <translation>0/0: der letzte Messwert von Grün ist NaN (nichts wurde gemessen, z. B. keine Anfragen im Zeitfenster)</translation>
    </message>
    <message>
        <source>green&apos;s latest sample is %1 old (fresh means at most %2)</source>
        <translation>der letzte Messwert von Grün ist %1 alt (frisch heißt höchstens %2)</translation>
    </message>
    <message>
        <source>%1; last fetch: %2</source>
        <translation>%1; letzter Abruf: %2</translation>
    </message>
    <message>
        <source>a percentage threshold on %1, which is a time</source>
        <translation>ein Prozent-Grenzwert auf %1, das eine Zeit ist</translation>
    </message>
    <message>
        <source>a time threshold on %1, which is a percentage</source>
        <translation>ein Zeit-Grenzwert auf %1, das ein Prozentsatz ist</translation>
    </message>
    <message>
        <source>no normal baseline for %1 (only response time has one)</source>
        <translation>kein Normalwert für %1 (nur die Antwortzeit hat einen)</translation>
    </message>
    <message>
        <source>no normal response time yet to compare %1x normal with</source>
        <translation>noch keine normale Antwortzeit, mit der %1x normal verglichen werden kann</translation>
    </message>
    <message>
        <source>unknown unit</source>
        <translation>unbekannte Einheit</translation>
    </message>
    <message>
        <source>security alert state unknown</source>
        <translation>Zustand der Sicherheitsalarme unbekannt</translation>
    </message>
    <message>
        <source>an alert matching the profile&apos;s filter is firing</source>
        <translation>ein Alarm, auf den der Filter des Profils passt, ist ausgelöst</translation>
    </message>
    <message>
        <source>no matching alert firing</source>
        <translation>kein passender Alarm ausgelöst</translation>
    </message>
    <message>
        <source>green has no traffic</source>
        <translation>Grün hat keinen Traffic</translation>
    </message>
    <message>
        <source>green health checks failing</source>
        <translation>Health-Checks von Grün schlagen fehl</translation>
    </message>
    <message>
        <source>no fresh data from blue or green: the metrics source is not answering, so green&apos;s silence means nothing</source>
        <translation>keine frischen Daten von Blau oder Grün: die Metrikquelle antwortet nicht, also sagt das Schweigen von Grün nichts</translation>
    </message>
    <message>
        <source>waiting for green&apos;s first samples since it got traffic</source>
        <translation>warte auf die ersten Messwerte von Grün, seit es Traffic bekam</translation>
    </message>
    <message>
        <source>no data from green in the %1 since it got traffic</source>
        <translation>keine Daten von Grün in den %1, seit es Traffic bekam</translation>
    </message>
    <message>
        <source>no fresh data from green (down after %1 of silence)</source>
        <translation>keine frischen Daten von Grün (ausgefallen nach %1 Schweigen)</translation>
    </message>
    <message>
        <source>no data from green for %1</source>
        <translation>seit %1 keine Daten von Grün</translation>
    </message>
    <message>
        <source>green health checks passing</source>
        <translation>Health-Checks von Grün bestanden</translation>
    </message>
    <message>
        <source>green is answering (health checks not known)</source>
        <translation>Grün antwortet (Health-Checks unbekannt)</translation>
    </message>
    <message>
        <source>no series for %1</source>
        <translation>keine Zeitreihe für %1</translation>
    </message>
    <message>
        <source>%1 has no threshold to compare with</source>
        <translation>%1 hat keinen Grenzwert zum Vergleich</translation>
    </message>
    <message>
        <source>no p%1 series (response time is measured as p%2)</source>
        <translation>keine p%1-Zeitreihe (die Antwortzeit wird als p%2 gemessen)</translation>
    </message>
    <message>
        <source>no samples</source>
        <translation>keine Messwerte</translation>
    </message>
</context>
<context>
    <name>RuleExtractor</name>
    <message>
        <source>no known metric in &quot;%1&quot; (known: error rate, response time, database errors, database query time, resource utilisation, page load time, service down, security alert)</source>
        <translation>keine bekannte Metrik in „%1“ (bekannt: error rate, response time, database errors, database query time, resource utilisation, page load time, service down, security alert)</translation>
    </message>
    <message>
        <source>no threshold (a comparison such as &quot;&gt; 1%&quot;) in &quot;%1&quot;</source>
        <translation>kein Grenzwert (ein Vergleich wie „&gt; 1%“) in „%1“</translation>
    </message>
    <message>
        <source>more than one threshold in &quot;%1&quot;; write one rule per line or clause</source>
        <translation>mehr als ein Grenzwert in „%1“; schreiben Sie eine Regel pro Zeile oder Satzteil</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a strict comparison; rules compare strictly, write &gt; or &lt;</source>
        <translation>„%1“ ist kein strikter Vergleich; Regeln vergleichen strikt, schreiben Sie &gt; oder &lt;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a multiple of what? Write &quot;%1 normal&quot; or &quot;%1 baseline&quot;</source>
        <translation>„%1“ ist ein Vielfaches wovon? Schreiben Sie „%1 normal“ oder „%1 baseline“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names several metrics for one threshold; write one clause per metric</source>
        <translation>„%1“ nennt mehrere Metriken für einen Grenzwert; schreiben Sie einen Satzteil pro Metrik</translation>
    </message>
    <message>
        <source>no threshold rule understood in &quot;%1&quot;</source>
        <translation>keine Grenzwert-Regel in „%1“ verstanden</translation>
    </message>
    <message>
        <source>limit without a unit in &quot;%1&quot;; write %, ms, s or &quot;x normal&quot;</source>
        <translation>Grenzwert ohne Einheit in „%1“; schreiben Sie %, ms, s oder „x normal“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; in &quot;%2&quot; is not read: a rule counts a breach from its first sample; set how long it must last in the profile&apos;s rules.for for the rule (id %3.%4, see --parse-runbook)</source>
        <translation>„%1“ in „%2“ wird nicht gelesen: eine Regel zählt eine Überschreitung ab ihrem ersten Messwert; wie lange sie dauern muss, steht in rules.for des Profils für die Regel (ID %3.%4, siehe --parse-runbook)</translation>
    </message>
</context>
<context>
    <name>RuleStatus</name>
    <message>
        <source>%1 %2</source>
        <comment>number and unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>breached</source>
        <translation>überschritten</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>ausgelöst</translation>
    </message>
    <message>
        <source>no-data</source>
        <comment>a firing rule&apos;s state</comment>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>state: why</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <comment>value, relation, threshold</comment>
        <translation>%1 %2 %3</translation>
    </message>
    <message>
        <source>%1 not %2 %3</source>
        <comment>value, relation, threshold</comment>
        <translation>%1 nicht %2 %3</translation>
    </message>
    <message>
        <source>%1 (%2x normal)</source>
        <translation>%1 (%2x normal)</translation>
    </message>
    <message>
        <source>%1 (%2 s)</source>
        <translation>%1 (%2 s)</translation>
    </message>
    <message>
        <source>%1 %2 (green)</source>
        <translation>%1 %2 (Grün)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>metric: comparison</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>RunbookEditorDialog</name>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Runbook text</source>
        <translation>Runbook-Text</translation>
    </message>
    <message>
        <source>Parser diagnostics</source>
        <translation>Meldungen des Parsers</translation>
    </message>
    <message>
        <source>Read the text as the console would, without saving</source>
        <translation>Den Text so lesen, wie die Konsole es täte, ohne zu speichern</translation>
    </message>
    <message>
        <source>This is the bundled reference runbook; open your own with --runbook FILE to edit it.</source>
        <translation>Dies ist das mitgelieferte Referenz-Runbook; öffnen Sie Ihr eigenes mit --runbook DATEI, um es zu bearbeiten.</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2); the text shown is the one the console loaded.</source>
        <translation>%1 kann nicht gelesen werden (%2); angezeigt wird der Text, den die Konsole geladen hat.</translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8 (%2); it is shown read-only so that saving cannot damage it.</source>
        <translation>%1 ist kein gültiges UTF-8 (%2); die Datei wird schreibgeschützt angezeigt, damit Speichern sie nicht beschädigen kann.</translation>
    </message>
    <message>
        <source>bundled reference runbook</source>
        <translation>mitgeliefertes Referenz-Runbook</translation>
    </message>
    <message>
        <source>Runbook source: %1%2</source>
        <translation>Runbook-Quelltext: %1%2</translation>
    </message>
    <message>
        <source>Runbook not saved</source>
        <translation>Runbook nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 could not be written: %2
Your changes are still in the editor.</source>
        <translation>%1 konnte nicht geschrieben werden: %2
Ihre Änderungen sind noch im Editor.</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1: %2: %3</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>No problems found: the console can run this runbook.</source>
        <translation>Keine Probleme gefunden: Die Konsole kann dieses Runbook ausführen.</translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s); the console can run this runbook.</source>
        <translation>
            <numerusform>%n Warnung; die Konsole kann dieses Runbook ausführen.</numerusform>
            <numerusform>%n Warnungen; die Konsole kann dieses Runbook ausführen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s): the console will not start a deployment on this runbook until they are fixed.</source>
        <translation>
            <numerusform>%n Fehler: Die Konsole startet mit diesem Runbook kein Deployment, bis er behoben ist.</numerusform>
            <numerusform>%n Fehler: Die Konsole startet mit diesem Runbook kein Deployment, bis sie behoben sind.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s), %1: the console will not start a deployment on this runbook until they are fixed.</source>
        <translation>
            <numerusform>%n Fehler, %1: Die Konsole startet mit diesem Runbook kein Deployment, bis er behoben ist.</numerusform>
            <numerusform>%n Fehler, %1: Die Konsole startet mit diesem Runbook kein Deployment, bis sie behoben sind.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The runbook has changes that are not saved. Save them before closing?</source>
        <translation>Das Runbook hat ungespeicherte Änderungen. Vor dem Schließen speichern?</translation>
    </message>
</context>
<context>
    <name>RunbookLoader</name>
    <message>
        <source>binary file (NUL byte at offset %1): a runbook is Markdown text</source>
        <translation>Binärdatei (NUL-Byte an Position %1): ein Runbook ist Markdown-Text</translation>
    </message>
    <message>
        <source>not valid UTF-8 (after byte %1); save the runbook as UTF-8</source>
        <translation>kein gültiges UTF-8 (nach Byte %1); speichern Sie das Runbook als UTF-8</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>is a directory, not a runbook file</source>
        <translation>ist ein Ordner, keine Runbook-Datei</translation>
    </message>
    <message>
        <source>not a regular file (%1); a runbook is a Markdown file</source>
        <translation>keine reguläre Datei (%1); ein Runbook ist eine Markdown-Datei</translation>
    </message>
    <message>
        <source>file is %1 MB; runbooks over %2 MB are refused</source>
        <translation>die Datei hat %1 MB; Runbooks über %2 MB werden abgelehnt</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
</context>
<context>
    <name>RunbookParser</name>
    <message>
        <source>phase window &quot;%1&quot; ends before it starts</source>
        <translation>Phasenfenster „%1“ endet, bevor es beginnt</translation>
    </message>
    <message>
        <source>phase &quot;%1&quot; has no planned window understood as &quot;(A-B minutes)&quot;</source>
        <translation>Phase „%1“ hat kein als „(A-B minutes)“ verstandenes Zeitfenster</translation>
    </message>
    <message>
        <source>duplicate heading &quot;%1&quot; (also at line %2); its items get ids with a suffix</source>
        <translation>doppelte Überschrift „%1“ (auch in Zeile %2); ihre Punkte bekommen IDs mit einem Suffix</translation>
    </message>
    <message>
        <source>list items before the first section heading are not part of any checklist</source>
        <translation>Listenpunkte vor der ersten Abschnittsüberschrift gehören zu keiner Checkliste</translation>
    </message>
    <message>
        <source>checklist item without text is ignored</source>
        <translation>Checklistenpunkt ohne Text wird ignoriert</translation>
    </message>
    <message>
        <source>phase %1 follows phase %2 (line %3)</source>
        <translation>Phase %1 folgt auf Phase %2 (Zeile %3)</translation>
    </message>
    <message>
        <source>no phases found: a deployment runbook needs headings like &quot;### Phase 1: Preparation (0-30 minutes)&quot;</source>
        <translation>keine Phasen gefunden: ein Deployment-Runbook braucht Überschriften wie „### Phase 1: Preparation (0-30 minutes)“</translation>
    </message>
    <message>
        <source>alerting threshold without a level; write &quot;**Critical**:&quot;, &quot;**Warning**:&quot; or &quot;**Info**:&quot;</source>
        <translation>Alarm-Grenzwert ohne Stufe; schreiben Sie „**Critical**:“, „**Warning**:“ oder „**Info**:“</translation>
    </message>
    <message>
        <source>second traffic plan in the runbook (the plan at line %1 is the one read); this one is ignored: keep one plan</source>
        <translation>zweiter Traffic-Plan im Runbook (gelesen wird der Plan in Zeile %1); dieser wird ignoriert: behalten Sie einen Plan</translation>
    </message>
    <message>
        <source>no traffic plan found: expected steps such as &quot;Start with 5% traffic to green&quot; under a traffic-shift heading</source>
        <translation>kein Traffic-Plan gefunden: erwartet werden Schritte wie „Start with 5% traffic to green“ unter einer Überschrift zur Traffic-Verlagerung</translation>
    </message>
    <message>
        <source>decision-point limit %1 %2%3 contradicts the automatic-rollback limit %1 %4%3 (line %5): the warning must trip before the rollback</source>
        <translation>Grenzwert des Entscheidungspunkts %1 %2%3 widerspricht dem Grenzwert des automatischen Rollbacks %1 %4%3 (Zeile %5): die Warnung muss vor dem Rollback auslösen</translation>
    </message>
    <message>
        <source>empty heading is ignored</source>
        <translation>leere Überschrift wird ignoriert</translation>
    </message>
    <message>
        <source>code block opened here is never closed</source>
        <translation>der hier geöffnete Codeblock wird nie geschlossen</translation>
    </message>
    <message>
        <source>no title: expected a &quot;# Title&quot; heading at the top</source>
        <translation>kein Titel: oben wird eine Überschrift „# Titel“ erwartet</translation>
    </message>
    <message>
        <source>%1 further diagnostics not shown</source>
        <translation>%1 weitere Meldungen nicht angezeigt</translation>
    </message>
</context>
<context>
    <name>RunbookReading</name>
    <message>
        <source>No traffic plan: the runbook gives no steps to shift traffic to green, so the console cannot move traffic on it.</source>
        <translation>Kein Traffic-Plan: Das Runbook nennt keine Schritte, um Traffic auf Grün zu verlagern; die Konsole kann danach keinen Traffic bewegen.</translation>
    </message>
    <message>
        <source>No automatic-rollback rule: nothing in this runbook rolls back by itself; only a person can roll back.</source>
        <translation>Keine Regel für automatischen Rollback: Nichts in diesem Runbook löst von selbst einen Rollback aus; nur ein Mensch kann zurückrollen.</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>alert (info)</source>
        <translation>Alarm (Info)</translation>
    </message>
    <message>
        <source>alert (warning)</source>
        <translation>Alarm (Warnung)</translation>
    </message>
    <message>
        <source>alert (critical)</source>
        <translation>Alarm (kritisch)</translation>
    </message>
    <message>
        <source>decision point</source>
        <translation>Entscheidungspunkt</translation>
    </message>
    <message>
        <source>automatic rollback</source>
        <translation>automatischer Rollback</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>ausgelöst</translation>
    </message>
    <message>
        <source>x normal</source>
        <translation>x normal</translation>
    </message>
</context>
<context>
    <name>SampleArchive</name>
    <message>
        <source>%1: writing samples failed: %2</source>
        <translation>%1: das Schreiben der Messwerte ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1: reading samples failed: %2</source>
        <translation>%1: das Lesen der Messwerte ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>ScriptConfirmDialog</name>
    <message>
        <source>Run &quot;%1&quot; again?</source>
        <translation>„%1“ erneut ausführen?</translation>
    </message>
    <message>
        <source>Run &quot;%1&quot;?</source>
        <translation>„%1“ ausführen?</translation>
    </message>
    <message>
        <source>&lt;b&gt;This step ran before and did not finish&lt;/b&gt; (it failed, or was running when the console stopped). Running it again repeats whatever it already did.&lt;br&gt;</source>
        <translation>&lt;b&gt;Dieser Schritt lief bereits und wurde nicht fertig&lt;/b&gt; (er ist fehlgeschlagen oder lief, als die Konsole ausfiel). Erneutes Ausführen wiederholt alles, was er schon getan hat.&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;This step changes things and runs only when you confirm.&lt;/b&gt;&lt;br&gt;</source>
        <translation>&lt;b&gt;Dieser Schritt verändert das System und läuft nur nach Ihrer Bestätigung.&lt;/b&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>Runs &lt;code&gt;%1&lt;/code&gt;&lt;br&gt;in &lt;code&gt;%2&lt;/code&gt;, ended after %3 s if still running.</source>
        <translation>Führt &lt;code&gt;%1&lt;/code&gt; aus&lt;br&gt;in &lt;code&gt;%2&lt;/code&gt;, wird nach %3 s beendet, falls er dann noch läuft.</translation>
    </message>
    <message>
        <source>The program is not a script (a binary); there is no text to show.</source>
        <translation>Das Programm ist kein Skript (eine Binärdatei); es gibt keinen Text anzuzeigen.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. The step will fail if its program is missing.</source>
        <translation>%1 kann nicht gelesen werden: %2. Der Schritt schlägt fehl, wenn sein Programm fehlt.</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>%1 (the first 2 MiB of %2 bytes)</source>
        <translation>%1 (die ersten 2 MiB von %2 Bytes)</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
</context>
<context>
    <name>SecretRef</name>
    <message>
        <source>no secret</source>
        <translation>kein Geheimnis</translation>
    </message>
    <message>
        <source>environment variable %1</source>
        <translation>Umgebungsvariable %1</translation>
    </message>
    <message>
        <source>keychain entry %1/%2</source>
        <translation>Schlüsselbund-Eintrag %1/%2</translation>
    </message>
</context>
<context>
    <name>SecretResolver</name>
    <message>
        <source>the %1 is not set or empty</source>
        <translation>%1 ist nicht gesetzt oder leer</translation>
    </message>
    <message>
        <source>cannot read the %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the %1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Configure StoneCaster Deploy Console</source>
        <translation>StoneCaster Deploy Console einrichten</translation>
    </message>
    <message>
        <source>Your name, as the journal records it</source>
        <translation>Ihr Name, wie ihn das Journal festhält</translation>
    </message>
    <message>
        <source>Recorded on every check, note, traffic step and rollback you make. Team mode records the database login instead.</source>
        <translation>Wird bei jedem Abhaken, jeder Notiz, jedem Traffic-Schritt und jedem Rollback von Ihnen festgehalten. Im Team-Modus wird stattdessen die Datenbank-Anmeldung festgehalten.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Clear recent lists</source>
        <translation>Zuletzt-geöffnet-Listen leeren</translation>
    </message>
    <message>
        <source>Recent lists cleared</source>
        <translation>Listen geleert</translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation>&amp;Operator-Name:</translation>
    </message>
    <message>
        <source>Colour &amp;scheme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>&amp;Recent entries kept:</source>
        <translation>Einträge unter „&amp;Zuletzt geöffnet“:</translation>
    </message>
    <message>
        <source>Tell the &amp;desktop when the window is in the background</source>
        <translation>Den &amp;Desktop benachrichtigen, wenn das Fenster im Hintergrund ist</translation>
    </message>
    <message>
        <source>A notification when the traffic gate opens, a decision point is breached, traffic is rolled back or drifts, and when a status update is due. Which ones pop up or sound is set in the desktop&apos;s notification settings.</source>
        <translation>Eine Benachrichtigung, wenn das Traffic-Gate öffnet, ein Entscheidungspunkt überschritten wird, der Traffic zurückgerollt wird oder abweicht und wenn eine Statusmeldung fällig ist. Welche davon erscheinen oder einen Ton abspielen, legen die Benachrichtigungseinstellungen des Desktops fest.</translation>
    </message>
    <message>
        <source>Notifications:</source>
        <translation>Benachrichtigungen:</translation>
    </message>
</context>
<context>
    <name>SourceViewerDialog</name>
    <message>
        <source>The demo profile is missing from the program&apos;s resources: %1</source>
        <translation>Das Demo-Profil fehlt in den Ressourcen des Programms: %1</translation>
    </message>
    <message>
        <source>demo.json (the built-in demo profile)</source>
        <translation>demo.json (das eingebaute Demo-Profil)</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The file is %1; only its first %2 are shown.</source>
        <translation>Die Datei ist %1 groß; nur die ersten %2 werden angezeigt.</translation>
    </message>
    <message>
        <source>The file is not valid UTF-8; the bytes that are not are shown as �.</source>
        <translation>Die Datei ist kein gültiges UTF-8; ungültige Bytes werden als � angezeigt.</translation>
    </message>
</context>
<context>
    <name>SqliteBackend</name>
    <message>
        <source>%1: is not a file; the journal must be a SQLite file</source>
        <translation>%1: ist keine Datei; das Journal muss eine SQLite-Datei sein</translation>
    </message>
    <message>
        <source>%1: cannot read the journal (permission denied)</source>
        <translation>%1: das Journal kann nicht gelesen werden (Zugriff verweigert)</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>der SQLite-Treiber von Qt (QSQLITE) ist nicht installiert</translation>
    </message>
    <message>
        <source>%1: cannot open the journal: %2</source>
        <translation>%1: das Journal kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot create the folder %2</source>
        <translation>%1: der Ordner %2 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1: cannot create the journal: %2</source>
        <translation>%1: das Journal kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>%1: not a readable journal (%2). The file was left as it is; move it away or start with --journal OTHER_PATH</source>
        <translation>%1: kein lesbares Journal (%2). Die Datei wurde unverändert gelassen; verschieben Sie sie oder starten Sie mit --journal ANDERER_PFAD</translation>
    </message>
    <message>
        <source>%1: is a SQLite database but not a StoneCaster journal; it was left as it is</source>
        <translation>%1: ist eine SQLite-Datenbank, aber kein StoneCaster-Journal; sie wurde unverändert gelassen</translation>
    </message>
    <message>
        <source>%1: cannot switch the journal to WAL mode: %2</source>
        <translation>%1: das Journal kann nicht in den WAL-Modus geschaltet werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot start %2: %3</source>
        <translation>%1: %2 kann nicht begonnen werden: %3</translation>
    </message>
</context>
<context>
    <name>StatusUpdateDialog</name>
    <message>
        <source>Status update</source>
        <translation>Statusmeldung</translation>
    </message>
    <message>
        <source>Title of the status update</source>
        <translation>Titel der Statusmeldung</translation>
    </message>
    <message>
        <source>Text of the status update</source>
        <translation>Text der Statusmeldung</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Copy to clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Prepare again</source>
        <translation>Neu vorbereiten</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Text (prepared by the console; edit it as you like)</source>
        <translation>Text (von der Konsole vorbereitet; nach Belieben bearbeiten)</translation>
    </message>
    <message>
        <source>The profile names no webhook: copy the update and post it yourself.</source>
        <translation>Das Profil nennt keinen Webhook: Kopieren Sie die Meldung und veröffentlichen Sie sie selbst.</translation>
    </message>
    <message>
        <source>No webhook in the profile (&quot;webhooks&quot; section)</source>
        <translation>Kein Webhook im Profil (Abschnitt „webhooks“)</translation>
    </message>
    <message>
        <source>Sends to: %1</source>
        <translation>Sendet an: %1</translation>
    </message>
    <message>
        <source>Another console drives this deployment, or it is closed: it sends the updates</source>
        <translation>Eine andere Konsole steuert dieses Deployment, oder es ist geschlossen: Die Meldungen sendet jene</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>FEHLGESCHLAGEN: %1</translation>
    </message>
    <message>
        <source>%1: failed, retrying in %2 s: %3</source>
        <translation>%1: fehlgeschlagen, neuer Versuch in %2 s: %3</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>%1 sent to %2; waiting for the answers…</source>
        <translation>%1 an %2 gesendet; warte auf die Antworten…</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>TableExtractor</name>
    <message>
        <source>traffic-plan row has no share</source>
        <translation>Zeile des Traffic-Plans hat keinen Anteil</translation>
    </message>
    <message>
        <source>traffic share &quot;%1&quot; is not a percentage such as &quot;25%&quot;</source>
        <translation>Traffic-Anteil „%1“ ist kein Prozentsatz wie „25%“</translation>
    </message>
    <message>
        <source>traffic share &quot;%1&quot; is not a whole percent</source>
        <translation>Traffic-Anteil „%1“ ist kein ganzes Prozent</translation>
    </message>
    <message>
        <source>limits row has no signal in its &quot;%1&quot; column</source>
        <translation>Grenzwertzeile hat kein Signal in ihrer Spalte „%1“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is an event: its &quot;%2&quot; cell says whether it fires or not (yes, —), not &quot;%3&quot;</source>
        <translation>„%1“ ist ein Ereignis: seine Zelle „%2“ sagt, ob es auslöst oder nicht (yes, —), nicht „%3“</translation>
    </message>
    <message>
        <source>table under a rule heading has no delimiter row (|---|---|) under its header; it is not read</source>
        <translation>Tabelle unter einer Regel-Überschrift hat keine Trennzeile (|---|---|) unter ihrem Kopf; sie wird nicht gelesen</translation>
    </message>
    <message>
        <source>table has no delimiter row (|---|---|) under its header; it is not read</source>
        <translation>Tabelle hat keine Trennzeile (|---|---|) unter ihrem Kopf; sie wird nicht gelesen</translation>
    </message>
    <message>
        <source>traffic-plan table has no share column (a header such as &quot;Share&quot;, &quot;Weight&quot;, &quot;Percentage&quot; or &quot;Traffic&quot;); it is not read</source>
        <translation>Traffic-Plan-Tabelle hat keine Anteilsspalte (ein Kopf wie „Share“, „Weight“, „Percentage“ oder „Traffic“); sie wird nicht gelesen</translation>
    </message>
    <message>
        <source>limits table has no column naming the signal (a header such as &quot;Signal&quot; or &quot;Metric&quot; first); it is not read</source>
        <translation>Grenzwerttabelle hat keine Spalte, die das Signal nennt (zuerst ein Kopf wie „Signal“ oder „Metric“); sie wird nicht gelesen</translation>
    </message>
    <message>
        <source>table row has %1 cells, its header (line %2) has %3; the row is not read</source>
        <translation>Tabellenzeile hat %1 Zellen, ihr Kopf (Zeile %2) hat %3; die Zeile wird nicht gelesen</translation>
    </message>
</context>
<context>
    <name>TeamControls</name>
    <message>
        <source>&amp;Take control…</source>
        <translation>Steuerung &amp;übernehmen…</translation>
    </message>
    <message>
        <source>&amp;Request rollback…</source>
        <translation>R&amp;ollback anfordern…</translation>
    </message>
    <message>
        <source>Drive this deployment from here; the console that drives it now is told</source>
        <translation>Dieses Deployment von hier aus steuern; die Konsole, die es jetzt steuert, wird benachrichtigt</translation>
    </message>
    <message>
        <source>Ask the console that drives this deployment to roll back</source>
        <translation>Die Konsole, die dieses Deployment steuert, um einen Rollback bitten</translation>
    </message>
    <message>
        <source>Only a console that watches a running deployment asks for a rollback</source>
        <translation>Nur eine Konsole, die ein laufendes Deployment beobachtet, fordert einen Rollback an</translation>
    </message>
    <message>
        <source>Take control</source>
        <translation>Steuerung übernehmen</translation>
    </message>
    <message>
        <source>%1 drives this deployment now. Take control from them? Their console is told, and the journal records that you took it.</source>
        <translation>%1 steuert dieses Deployment gerade. Die Steuerung übernehmen? Die andere Konsole wird benachrichtigt, und das Journal hält fest, dass Sie übernommen haben.</translation>
    </message>
    <message>
        <source>This console drives the deployment now.</source>
        <translation>Diese Konsole steuert jetzt das Deployment.</translation>
    </message>
    <message>
        <source>This console drives the deployment now; %1&apos;s console was told.</source>
        <translation>Diese Konsole steuert jetzt das Deployment; die Konsole von %1 wurde benachrichtigt.</translation>
    </message>
    <message>
        <source>Request rollback</source>
        <translation>Rollback anfordern</translation>
    </message>
    <message>
        <source>Why should %1 roll back? The driver sees this at once.</source>
        <translation>Warum soll %1 zurückrollen? Die steuernde Konsole sieht das sofort.</translation>
    </message>
    <message>
        <source>the driver</source>
        <translation>die steuernde Konsole</translation>
    </message>
    <message>
        <source>Rollback requested: %1</source>
        <translation>Rollback angefordert: %1</translation>
    </message>
    <message>
        <source>%1 asks you to roll back (%2): %3</source>
        <translation>%1 bittet Sie um einen Rollback (%2): %3</translation>
    </message>
    <message>
        <source>%1 took control of this deployment from you at %2. This console watches it now.</source>
        <translation>%1 hat um %2 die Steuerung dieses Deployments von Ihnen übernommen. Diese Konsole beobachtet es jetzt.</translation>
    </message>
    <message>
        <source>%1 took control of this deployment at %2%3.</source>
        <translation>%1 hat um %2 die Steuerung dieses Deployments übernommen%3.</translation>
    </message>
    <message>
        <source> from %1</source>
        <translation> von %1</translation>
    </message>
    <message>
        <source>Disconnected: %1. Nothing can be changed from here until it is back.</source>
        <translation>Verbindung getrennt: %1. Bis sie wieder besteht, kann von hier aus nichts geändert werden.</translation>
    </message>
    <message>
        <source>Connected to the journal again; caught up to event %1.</source>
        <translation>Wieder mit dem Journal verbunden; aufgeholt bis Ereignis %1.</translation>
    </message>
    <message>
        <source>Connected to the journal again.</source>
        <translation>Wieder mit dem Journal verbunden.</translation>
    </message>
    <message>
        <source>Disconnected (%1)</source>
        <translation>Verbindung getrennt (%1)</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <source>driver</source>
        <translation>am Steuer</translation>
    </message>
    <message>
        <source>watcher</source>
        <translation>Beobachter</translation>
    </message>
    <message>
        <source>Reading a closed deployment as %1</source>
        <translation>Geschlossenes Deployment, gelesen von %1</translation>
    </message>
    <message>
        <source>Driving as %1</source>
        <translation>Am Steuer: %1</translation>
    </message>
    <message>
        <source>Watching as %1: nobody drives</source>
        <translation>Beobachter %1: niemand am Steuer</translation>
    </message>
    <message>
        <source>Watching as %1: %2 drives</source>
        <translation>Beobachter %1: %2 am Steuer</translation>
    </message>
    <message>
        <source>; this console acts on automatic triggers while the driver is away</source>
        <translation>; diese Konsole reagiert auf automatische Trigger, solange niemand am Steuer ist</translation>
    </message>
</context>
<context>
    <name>ThresholdLines</name>
    <message>
        <source>Target</source>
        <translation>Zielwert</translation>
    </message>
    <message>
        <source>Info alert</source>
        <translation>Info-Alarm</translation>
    </message>
    <message>
        <source>Warning alert</source>
        <translation>Warnungs-Alarm</translation>
    </message>
    <message>
        <source>Critical alert</source>
        <translation>Kritischer Alarm</translation>
    </message>
    <message>
        <source>Rollback decision point</source>
        <translation>Entscheidungspunkt Rollback</translation>
    </message>
    <message>
        <source>Automatic rollback trigger</source>
        <translation>Trigger für automatischen Rollback</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>consider rollback</source>
        <translation>Rollback erwägen</translation>
    </message>
    <message>
        <source>auto rollback</source>
        <translation>Auto-Rollback</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>Warn.</translation>
    </message>
    <message>
        <source>crit</source>
        <translation>krit.</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>Entsch.</translation>
    </message>
    <message>
        <source>no numeric threshold</source>
        <translation>kein numerischer Grenzwert</translation>
    </message>
    <message>
        <source>a percentage on a time metric</source>
        <translation>ein Prozentwert auf einer Zeitmetrik</translation>
    </message>
    <message>
        <source>a time on a percentage metric</source>
        <translation>eine Zeit auf einer Prozentmetrik</translation>
    </message>
    <message>
        <source>no normal value is known for this metric</source>
        <translation>für diese Metrik ist kein Normalwert bekannt</translation>
    </message>
    <message>
        <source>normal response time unknown</source>
        <translation>normale Antwortzeit unbekannt</translation>
    </message>
    <message>
        <source>unknown unit</source>
        <translation>unbekannte Einheit</translation>
    </message>
    <message>
        <source>Not drawn: %1%2 (%3)</source>
        <translation>Nicht gezeichnet: %1%2 (%3)</translation>
    </message>
    <message>
        <source>%1 (runbook line %2): %3</source>
        <translation>%1 (Runbook-Zeile %2): %3</translation>
    </message>
    <message>
        <source>normal %1</source>
        <translation>normal %1</translation>
    </message>
    <message>
        <source>Normal response time (the baseline multiples of normal are measured against): %1</source>
        <translation>Normale Antwortzeit (die Basis, an der Vielfache des Normalwerts gemessen werden): %1</translation>
    </message>
    <message>
        <source>%1× normal = %2</source>
        <translation>%1× normal = %2</translation>
    </message>
    <message>
        <source>%1× normal</source>
        <translation>%1× normal</translation>
    </message>
    <message>
        <source>%1 times the normal response time</source>
        <translation>%1-fache normale Antwortzeit</translation>
    </message>
    <message>
        <source>Normal response time unknown: its multiples are not drawn</source>
        <translation>Normale Antwortzeit unbekannt: Ihre Vielfachen werden nicht gezeichnet</translation>
    </message>
    <message>
        <source>Normal response time unknown, not drawn: %1</source>
        <translation>Normale Antwortzeit unbekannt, nicht gezeichnet: %1</translation>
    </message>
</context>
<context>
    <name>TimeWindow</name>
    <message>
        <source>Last 5 min</source>
        <translation>Letzte 5 min</translation>
    </message>
    <message>
        <source>Last 30 min</source>
        <translation>Letzte 30 min</translation>
    </message>
    <message>
        <source>Last 2 h</source>
        <translation>Letzte 2 h</translation>
    </message>
    <message>
        <source>Whole deployment</source>
        <translation>Ganzes Deployment</translation>
    </message>
</context>
<context>
    <name>TrafficChart</name>
    <message>
        <source>The share of traffic the controller was told to send to green (dashed lines)</source>
        <translation>Der Traffic-Anteil, den der Controller auf Grün schicken sollte (gestrichelte Linien)</translation>
    </message>
    <message>
        <source>commanded: green %1</source>
        <translation>angewiesen: Grün %1</translation>
    </message>
</context>
<context>
    <name>TrafficConfig</name>
    <message>
        <source>traffic.%1 must be an http or https URL with a host, not &quot;%2&quot;</source>
        <translation>traffic.%1 muss eine http- oder https-URL mit Host sein, nicht „%2“</translation>
    </message>
    <message>
        <source>traffic.timeoutMs must be positive, not %1</source>
        <translation>traffic.timeoutMs muss positiv sein, nicht %1</translation>
    </message>
    <message>
        <source>traffic.haproxy.address: %1</source>
        <translation>traffic.haproxy.address: %1</translation>
    </message>
    <message>
        <source>traffic.haproxy.%1 must be a non-empty name without blanks, &apos;;&apos; or &apos;/&apos;, not &quot;%2&quot;</source>
        <translation>traffic.haproxy.%1 muss ein nicht leerer Name ohne Leerzeichen, „;“ oder „/“ sein, nicht „%2“</translation>
    </message>
    <message>
        <source>traffic.haproxy.blueServer and greenServer are both &quot;%1&quot;; they must name two servers</source>
        <translation>traffic.haproxy.blueServer und greenServer sind beide „%1“; sie müssen zwei Server nennen</translation>
    </message>
    <message>
        <source>traffic.haproxy.weightScale must be 1..256 (HAProxy&apos;s weight range), not %1</source>
        <translation>traffic.haproxy.weightScale muss 1..256 sein (der Gewichtsbereich von HAProxy), nicht %1</translation>
    </message>
    <message>
        <source>traffic.http.method is empty; use PUT, POST or PATCH</source>
        <translation>traffic.http.method ist leer; verwenden Sie PUT, POST oder PATCH</translation>
    </message>
    <message>
        <source>traffic.http.blueField and greenField must name where the weights are in the read-back JSON, like &quot;/blue&quot;</source>
        <translation>traffic.http.blueField und greenField müssen nennen, wo die Gewichte im zurückgelesenen JSON stehen, etwa „/blue“</translation>
    </message>
    <message>
        <source>traffic.command.program is empty; name the program to run, like &quot;kubectl&quot;</source>
        <translation>traffic.command.program ist leer; nennen Sie das auszuführende Programm, etwa „kubectl“</translation>
    </message>
    <message>
        <source>unknown traffic controller kind</source>
        <translation>unbekannte Art von Traffic-Controller</translation>
    </message>
</context>
<context>
    <name>TrafficController</name>
    <message>
        <source>not sent: superseded by a later command to %1% green</source>
        <translation>nicht gesendet: ersetzt durch einen späteren Befehl für %1% auf Grün</translation>
    </message>
    <message>
        <source>interrupted by a command to 0% green (%1)</source>
        <translation>unterbrochen durch einen Befehl für 0% auf Grün (%1)</translation>
    </message>
    <message>
        <source>read interrupted by a command to %1% green</source>
        <translation>Lesen unterbrochen durch einen Befehl für %1% auf Grün</translation>
    </message>
    <message>
        <source>cannot command %1% green: traffic shares are 0..100%</source>
        <translation>%1% auf Grün kann nicht angewiesen werden: Traffic-Anteile liegen bei 0..100%</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>commanded %1% green, but %2 reports %3% green (weights blue %4, green %5) after the change</source>
        <translation>%1% auf Grün angewiesen, aber %2 meldet nach der Änderung %3% auf Grün (Gewichte Blau %4, Grün %5)</translation>
    </message>
    <message>
        <source>commanded %1% green, but %2 reports %3% green (weights blue %4, green %5) after the change: %6</source>
        <translation>%1% auf Grün angewiesen, aber %2 meldet nach der Änderung %3% auf Grün (Gewichte Blau %4, Grün %5): %6</translation>
    </message>
    <message>
        <source>%1 did not finish within %2 ms (%3)</source>
        <translation>%1 wurde nicht innerhalb von %2 ms fertig (%3)</translation>
    </message>
    <message>
        <source>nothing was running</source>
        <translation>es lief nichts</translation>
    </message>
</context>
<context>
    <name>TrafficGate</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>reading not confirmed</source>
        <translation>Auswertung nicht bestätigt</translation>
    </message>
    <message>
        <source>a rollback is running</source>
        <translation>ein Rollback läuft</translation>
    </message>
    <message>
        <source>a traffic command is in progress</source>
        <translation>ein Traffic-Befehl läuft</translation>
    </message>
    <message>
        <source>traffic cannot be read: %1</source>
        <translation>der Traffic kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>monitoring hold at %1: %2 of %3 left</source>
        <translation>Haltezeit bei %1: %2 von %3 übrig</translation>
    </message>
    <message>
        <source>decision point %1</source>
        <translation>Entscheidungspunkt %1</translation>
    </message>
    <message>
        <source>automatic trigger %1 cannot be judged: %2</source>
        <translation>automatischer Trigger %1 kann nicht beurteilt werden: %2</translation>
    </message>
    <message>
        <source>automatic trigger %1</source>
        <translation>automatischer Trigger %1</translation>
    </message>
    <message>
        <source>security alerts not known: no answer yet</source>
        <translation>Sicherheitsalarme unbekannt: noch keine Antwort</translation>
    </message>
    <message>
        <source>security alerts not known: %1</source>
        <translation>Sicherheitsalarme unbekannt: %1</translation>
    </message>
    <message>
        <source>1 checklist item before the traffic shift is still open: &quot;%1&quot;</source>
        <translation>1 Checklistenpunkt vor der Traffic-Verlagerung ist noch offen: „%1“</translation>
    </message>
    <message numerus="yes">
        <source>%n checklist items before the traffic shift are still open (first: &quot;%1&quot;)</source>
        <translation>
            <numerusform>%n Checklistenpunkt vor der Traffic-Verlagerung ist noch offen (erster: „%1“)</numerusform>
            <numerusform>%n Checklistenpunkte vor der Traffic-Verlagerung sind noch offen (erster: „%1“)</numerusform>
        </translation>
    </message>
    <message>
        <source>green&apos;s health checks have not answered yet</source>
        <translation>die Health-Checks von Grün haben noch nicht geantwortet</translation>
    </message>
    <message>
        <source>green&apos;s health checks fail: %1</source>
        <translation>die Health-Checks von Grün schlagen fehl: %1</translation>
    </message>
    <message>
        <source>pre-shift checklist done, green healthy; traffic not verified (the controller cannot read it back)</source>
        <translation>Checkliste vor dem ersten Traffic-Schritt erledigt, Grün gesund; Traffic nicht überprüft (der Controller kann ihn nicht zurücklesen)</translation>
    </message>
    <message>
        <source>pre-shift checklist done, green healthy</source>
        <translation>Checkliste vor dem ersten Traffic-Schritt erledigt, Grün gesund</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>hold of %1 at %2 passed, all decision points green; traffic not verified (the controller cannot read it back)</source>
        <translation>Haltezeit von %1 bei %2 vorbei, alle Entscheidungspunkte grün; Traffic nicht überprüft (der Controller kann ihn nicht zurücklesen)</translation>
    </message>
    <message>
        <source>hold of %1 at %2 passed, all decision points green</source>
        <translation>Haltezeit von %1 bei %2 vorbei, alle Entscheidungspunkte grün</translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message>
        <source>Review reading…</source>
        <translation>Auswertung prüfen…</translation>
    </message>
    <message>
        <source>Override…</source>
        <translation>Übersteuern…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Set green to 0%</source>
        <translation>Grün auf 0% setzen</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <source>Roll back now</source>
        <translation>Jetzt Rollback</translation>
    </message>
    <message>
        <source>Green&apos;s share of traffic</source>
        <translation>Traffic-Anteil von Grün</translation>
    </message>
    <message>
        <source>Monitoring hold</source>
        <translation>Monitoring-Haltezeit</translation>
    </message>
    <message>
        <source>What the console read of the runbook: check and confirm it before traffic moves (Ctrl+Shift+R)</source>
        <translation>Was die Konsole aus dem Runbook gelesen hat: prüfen und bestätigen, bevor sich Traffic bewegt (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <source>Green has traffic before the first step (a weight left by an earlier run): send 0% to green now (journaled)</source>
        <translation>Grün hat vor dem ersten Schritt Traffic (ein Gewicht aus einem früheren Lauf): jetzt 0% auf Grün schicken (im Journal festgehalten)</translation>
    </message>
    <message>
        <source>Green&apos;s share of traffic, one runbook step at a time. Forward only through an open gate; back whenever no command is under way.</source>
        <translation>Traffic-Anteil von Grün, ein Runbook-Schritt nach dem anderen. Vorwärts nur durch ein offenes Gate; zurück, sobald kein Befehl läuft.</translation>
    </message>
    <message>
        <source>Rollback started %1: %2</source>
        <translation>Rollback %1 gestartet: %2</translation>
    </message>
    <message>
        <source>automatically</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>by an operator</source>
        <translation>von einem Operator</translation>
    </message>
    <message>
        <source>The traffic command failed: %1</source>
        <translation>Der Traffic-Befehl ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Traffic is not where it was commanded: %1</source>
        <translation>Der Traffic steht nicht wie angewiesen: %1</translation>
    </message>
    <message>
        <source>No deployment is running.</source>
        <translation>Kein Deployment läuft.</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>Schritt vorwärts</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>Schritt zurück</translation>
    </message>
    <message>
        <source>Green &lt;b&gt;%1%&lt;/b&gt; · blue %2% commanded</source>
        <translation>Grün &lt;b&gt;%1%&lt;/b&gt; · Blau %2% angewiesen</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>&lt;b&gt;traffic cannot be read&lt;/b&gt;</source>
        <translation>&lt;b&gt;Traffic kann nicht gelesen werden&lt;/b&gt;</translation>
    </message>
    <message>
        <source>not verified (the controller cannot read traffic back)</source>
        <translation>nicht überprüft (der Controller kann den Traffic nicht zurücklesen)</translation>
    </message>
    <message>
        <source>observed: not read yet</source>
        <translation>beobachtet: noch nicht gelesen</translation>
    </message>
    <message>
        <source>&lt;b&gt;observed %1%&lt;/b&gt; before the first step (left by an earlier run?)</source>
        <translation>&lt;b&gt;beobachtet %1%&lt;/b&gt; vor dem ersten Schritt (aus einem früheren Lauf?)</translation>
    </message>
    <message>
        <source>&lt;b&gt;observed %1%&lt;/b&gt; (differs)</source>
        <translation>&lt;b&gt;beobachtet %1%&lt;/b&gt; (abweichend)</translation>
    </message>
    <message>
        <source>observed %1% ✓</source>
        <translation>beobachtet %1% ✓</translation>
    </message>
    <message>
        <source>weight blue %1 / green %2</source>
        <translation>Gewicht Blau %1 / Grün %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;measured share %1%&lt;/b&gt;</source>
        <translation>&lt;b&gt;gemessener Anteil %1%&lt;/b&gt;</translation>
    </message>
    <message>
        <source>measured share %1%</source>
        <translation>gemessener Anteil %1%</translation>
    </message>
    <message>
        <source>Drift: %1</source>
        <translation>Abweichung: %1</translation>
    </message>
    <message>
        <source>Hold at %1%: %2 left of %3</source>
        <translation>Haltezeit bei %1%: noch %2 von %3</translation>
    </message>
    <message>
        <source>Hold at %1% complete (%2)</source>
        <translation>Haltezeit bei %1% abgeschlossen (%2)</translation>
    </message>
    <message>
        <source>All traffic on green; the automatic triggers stay armed until the deployment is closed.</source>
        <translation>Aller Traffic auf Grün; die automatischen Trigger bleiben scharf, bis das Deployment geschlossen ist.</translation>
    </message>
    <message>
        <source>No hold before the first step.</source>
        <translation>Keine Haltezeit vor dem ersten Schritt.</translation>
    </message>
    <message>
        <source>Step to %1%</source>
        <translation>Schritt auf %1%</translation>
    </message>
    <message>
        <source>Plan complete</source>
        <translation>Plan abgeschlossen</translation>
    </message>
    <message>
        <source>Back to %1%</source>
        <translation>Zurück auf %1%</translation>
    </message>
    <message>
        <source>Move one step towards green</source>
        <translation>Einen Schritt in Richtung Grün gehen</translation>
    </message>
    <message>
        <source>Move one step back towards blue</source>
        <translation>Einen Schritt zurück in Richtung Blau gehen</translation>
    </message>
    <message>
        <source>Move one step forward although the gate is closed (typed confirmation and a reason, journaled)</source>
        <translation>Einen Schritt vorwärts, obwohl das Gate geschlossen ist (getippte Bestätigung und Begründung, im Journal festgehalten)</translation>
    </message>
    <message>
        <source>Send the last traffic command again</source>
        <translation>Den letzten Traffic-Befehl erneut senden</translation>
    </message>
    <message>
        <source>Send all traffic back to blue now and run the rollback procedure</source>
        <translation>Jetzt allen Traffic zurück auf Blau schicken und die Rollback-Prozedur ausführen</translation>
    </message>
    <message>
        <source>Traffic gate open: the step to %1% is allowed</source>
        <translation>Traffic-Gate offen: Der Schritt auf %1% ist erlaubt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Plan complete.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Plan abgeschlossen.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gate open&lt;/b&gt; to %1%: %2</source>
        <translation>&lt;b&gt;Gate offen&lt;/b&gt; bis %1%: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Locked&lt;/b&gt; at %1%:</source>
        <translation>&lt;b&gt;Gesperrt&lt;/b&gt; bei %1%:</translation>
    </message>
    <message>
        <source>Steps are never skipped: move one step at a time (next: %1%).</source>
        <translation>Schritte werden nie übersprungen: immer nur einen Schritt weiter (nächster: %1%).</translation>
    </message>
    <message>
        <source>Move back one step at a time, or use Roll back to send everything to blue.</source>
        <translation>Schrittweise zurückgehen oder mit Rollback alles auf Blau schicken.</translation>
    </message>
    <message>
        <source>the traffic controller</source>
        <translation>den Traffic-Controller</translation>
    </message>
    <message>
        <source>Roll back the deployment of %1 %2?</source>
        <translation>Rollback des Deployments von %1 %2 ausführen?</translation>
    </message>
    <message>
        <source>This sends all traffic (100%) back to blue now through %1 and journals the rollback. Green keeps running.</source>
        <translation>Damit wird jetzt aller Traffic (100%) über %1 zurück auf Blau geschickt und der Rollback im Journal festgehalten. Grün läuft weiter.</translation>
    </message>
    <message>
        <source>Consider rollback: decision point %1</source>
        <translation>Rollback erwägen: Entscheidungspunkt %1</translation>
    </message>
    <message>
        <source>Rollback started: %1. All traffic was sent back to blue.</source>
        <translation>Rollback gestartet: %1. Aller Traffic wurde zurück auf Blau geschickt.</translation>
    </message>
    <message>
        <source>Automatic rollback: automatic trigger %1. All traffic was sent back to blue.</source>
        <translation>Automatischer Rollback: automatischer Trigger %1. Aller Traffic wurde zurück auf Blau geschickt.</translation>
    </message>
</context>
<context>
    <name>TrafficPlanExtractor</name>
    <message>
        <source>monitoring hold &quot;%1&quot; is longer than a week</source>
        <translation>Haltezeit „%1“ ist länger als eine Woche</translation>
    </message>
    <message>
        <source>monitoring hold &quot;%1&quot; is not a whole number of seconds</source>
        <translation>Haltezeit „%1“ ist keine ganze Zahl von Sekunden</translation>
    </message>
    <message>
        <source>hold &quot;%1&quot; is not a duration such as &quot;10 min&quot;, &quot;10m&quot;, &quot;1h&quot;, &quot;90 s&quot; or &quot;1m30s&quot;</source>
        <translation>Haltezeit „%1“ ist keine Dauer wie „10 min“, „10m“, „1h“, „90 s“ oder „1m30s“</translation>
    </message>
    <message>
        <source>monitoring hold before any traffic step is ignored</source>
        <translation>Haltezeit vor jedem Traffic-Schritt wird ignoriert</translation>
    </message>
    <message>
        <source>second monitoring hold for the %1% step (first at line %2)</source>
        <translation>zweite Haltezeit für den Schritt %1% (die erste in Zeile %2)</translation>
    </message>
    <message>
        <source>traffic step of %1% is outside 1-100%</source>
        <translation>Traffic-Schritt von %1% liegt außerhalb von 1-100%</translation>
    </message>
    <message>
        <source>traffic step %1% does not increase on the previous step %2% (line %3)</source>
        <translation>Traffic-Schritt %1% steigt nicht gegenüber dem vorigen Schritt %2% (Zeile %3)</translation>
    </message>
    <message>
        <source>traffic step %1% has no monitoring hold before the next step</source>
        <translation>Traffic-Schritt %1% hat keine Haltezeit vor dem nächsten Schritt</translation>
    </message>
    <message>
        <source>traffic plan ends at %1%, not 100%</source>
        <translation>Traffic-Plan endet bei %1%, nicht bei 100%</translation>
    </message>
</context>
<context>
    <name>WebhookDelivery</name>
    <message>
        <source>a status update&apos;s delivery to &quot;%1&quot; was not journaled: %2</source>
        <translation>die Zustellung einer Statusmeldung an „%1“ wurde nicht im Journal festgehalten: %2</translation>
    </message>
    <message>
        <source>the webhook &quot;%1&quot;</source>
        <translation>Webhook „%1“</translation>
    </message>
    <message>
        <source>the webhook&apos;s URL (%1)</source>
        <translation>die URL des Webhooks (%1)</translation>
    </message>
</context>
</TS>
