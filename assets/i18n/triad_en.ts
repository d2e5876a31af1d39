<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaseFormsPage</name>
    <message numerus="yes">
        <source>Deadlines — %n overdue</source>
        <translation>
            <numerusform>Deadlines — %n overdue</numerusform>
            <numerusform>Deadlines — %n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseloadPage</name>
    <message numerus="yes">
        <source>%1 · %n participating teacher(s)</source>
        <translation>
            <numerusform>%1 · %n participating teacher</numerusform>
            <numerusform>%1 · %n participating teachers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyReportsPage</name>
    <message numerus="yes">
        <source>My forms and deadlines — %1. %n deadline(s) overdue</source>
        <translation>
            <numerusform>My forms and deadlines — %1. %n deadline overdue</numerusform>
            <numerusform>My forms and deadlines — %1. %n deadlines overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n report(s) await your signature.</source>
        <translation>
            <numerusform>%n report awaits your signature.</numerusform>
            <numerusform>%n reports await your signature.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgramPage</name>
    <message numerus="yes">
        <source>%n deadline(s) overdue</source>
        <translation>
            <numerusform>%n deadline overdue</numerusform>
            <numerusform>%n deadlines overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n case(s)</source>
        <translation>
            <numerusform>%1 · %n case</numerusform>
            <numerusform>%1 · %n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) of curriculum or staff development would bring the service to %1 hours</source>
        <translation>
            <numerusform>%n hour of curriculum or staff development would bring the service to %1 hours</numerusform>
            <numerusform>%n hours of curriculum or staff development would bring the service to %1 hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left to write a response</source>
        <translation>
            <numerusform>%n day left to write a response</numerusform>
            <numerusform>%n days left to write a response</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportComposerPage</name>
    <message numerus="yes">
        <source>%n excerpt(s)</source>
        <translation>
            <numerusform>%n excerpt</numerusform>
            <numerusform>%n excerpts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SiteCasesPage</name>
    <message numerus="yes">
        <source>%1 · %n case(s)</source>
        <translation>
            <numerusform>%1 · %n case</numerusform>
            <numerusform>%1 · %n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPane</name>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n without a standard</source>
        <translation>
            <numerusform> · %n without a standard</numerusform>
            <numerusform> · %n without a standard</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncSheet</name>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triad::ui::CaseFormsController</name>
    <message numerus="yes">
        <source>Draft: %n answer(s) missing</source>
        <translation>
            <numerusform>Draft: %n answer missing</numerusform>
            <numerusform>Draft: %n answers missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n periods missed, the oldest: %1</source>
        <translation>
            <numerusform>%n period missed: %1</numerusform>
            <numerusform>%n periods missed, the oldest: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triad::ui::CaseloadModel</name>
    <message numerus="yes">
        <source>%n report(s) await the teacher&apos;s signature</source>
        <translation>
            <numerusform>%n report awaits the teacher&apos;s signature</numerusform>
            <numerusform>%n reports await the teacher&apos;s signature</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Observed %n day(s) ago</source>
        <translation>
            <numerusform>Observed %n day ago</numerusform>
            <numerusform>Observed %n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triad::ui::FormController</name>
    <message numerus="yes">
        <source>%n more member(s) of the PAR panel (its decisions take %1 members&apos; signatures)</source>
        <translation>
            <numerusform>%n more member of the PAR panel (its decisions take %1 members&apos; signatures)</numerusform>
            <numerusform>%n more members of the PAR panel (its decisions take %1 members&apos; signatures)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triad::ui::ReportComposer</name>
    <message numerus="yes">
        <source>%n observation(s)</source>
        <translation>
            <numerusform>%n observation</numerusform>
            <numerusform>%n observations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evidence excerpt(s)</source>
        <translation>
            <numerusform>%n evidence excerpt</numerusform>
            <numerusform>%n evidence excerpts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s) without a CSTP tag were left out; tag them and compose again to include them.</source>
        <translation>
            <numerusform>%n note without a CSTP tag was left out; tag it and compose again to include it.</numerusform>
            <numerusform>%n notes without a CSTP tag were left out; tag them and compose again to include them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triad::ui::ReportController</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audio memo(s)</source>
        <translation>
            <numerusform>%n audio memo</numerusform>
            <numerusform>%n audio memos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>triad::ui::Session</name>
    <message numerus="yes">
        <source>%1 · %n change(s) saved here, waiting to sync</source>
        <translation>
            <numerusform>%1 · %n change saved here, waiting to sync</numerusform>
            <numerusform>%1 · %n changes saved here, waiting to sync</numerusform>
        </translation>
    </message>
</context>
</TS>
