<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AlertmanagerClient</name>
    <message numerus="yes">
        <source>%n alerts firing: %1</source>
        <translation>
            <numerusform>%n alert firing: %1</numerusform>
            <numerusform>%n alerts firing: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloseDeploymentDialog</name>
    <message numerus="yes">
        <source>%n checklist item(s) are still open. A closed deployment can no longer change.</source>
        <translation>
            <numerusform>%n checklist item is still open. A closed deployment can no longer change.</numerusform>
            <numerusform>%n checklist items are still open. A closed deployment can no longer change.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n journaled item(s) are not in this deployment&apos;s runbook: %1</source>
        <translation>
            <numerusform>%n journaled item is not in this deployment&apos;s runbook: %1</numerusform>
            <numerusform>%n journaled items are not in this deployment&apos;s runbook: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) in the journal were written by a newer console and are not shown.</source>
        <translation>
            <numerusform>%n event in the journal was written by a newer console and is not shown.</numerusform>
            <numerusform>%n events in the journal were written by a newer console and are not shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingDialog</name>
    <message numerus="yes">
        <source>Not read (%n)</source>
        <translation>
            <numerusform>Not read (%n)</numerusform>
            <numerusform>Not read (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RollbackPlan</name>
    <message numerus="yes">
        <source>%n step(s) run</source>
        <translation>
            <numerusform>%n step runs</numerusform>
            <numerusform>%n steps run</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n ask(s) before running (%1)</source>
        <translation>
            <numerusform>, %n asks before running (%1)</numerusform>
            <numerusform>, %n ask before running (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n is/are yours to confirm.</source>
        <translation>
            <numerusform>, %n is yours to confirm.</numerusform>
            <numerusform>, %n are yours to confirm.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunbookEditorDialog</name>
    <message numerus="yes">
        <source>%n warning(s); the console can run this runbook.</source>
        <translation>
            <numerusform>%n warning; the console can run this runbook.</numerusform>
            <numerusform>%n warnings; the console can run this runbook.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s): the console will not start a deployment on this runbook until they are fixed.</source>
        <translation>
            <numerusform>%n error: the console will not start a deployment on this runbook until it is fixed.</numerusform>
            <numerusform>%n errors: the console will not start a deployment on this runbook until they are fixed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s), %1: the console will not start a deployment on this runbook until they are fixed.</source>
        <translation>
            <numerusform>%n error, %1: the console will not start a deployment on this runbook until it is fixed.</numerusform>
            <numerusform>%n errors, %1: the console will not start a deployment on this runbook until they are fixed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrafficGate</name>
    <message numerus="yes">
        <source>%n checklist items before the traffic shift are still open (first: &quot;%1&quot;)</source>
        <translation>
            <numerusform>%n checklist item before the traffic shift is still open (first: &quot;%1&quot;)</numerusform>
            <numerusform>%n checklist items before the traffic shift are still open (first: &quot;%1&quot;)</numerusform>
        </translation>
    </message>
</context>
</TS>
