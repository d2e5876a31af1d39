// The mentor's report composer (tablet): a draft report built from the case's observations and tagged notes, kept
// sealed on this device, one section per standard (the standards of focus first) with its evidence excerpts and a
// narrative, an overall narrative, then issued as version N. store/report_service.h does the work and the rules
// decide who may compose (only the case's PAR mentor); this only shapes it for QML.
#pragma once

#include "session.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class ReportComposer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(triad::ui::Session *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString caseId READ caseId WRITE setCaseId NOTIFY caseIdChanged)
    Q_PROPERTY(bool hasDraft READ hasDraft NOTIFY changed)
    Q_PROPERTY(QString heading READ heading NOTIFY changed)       // "New report" / "Version 2 of report 1"
    Q_PROPERTY(QString periodText READ periodText NOTIFY changed) // "Period 3 Nov – 1 Dec 2026"
    Q_PROPERTY(QString evidenceText READ evidenceText NOTIFY changed)
    Q_PROPERTY(QString narrative READ narrative NOTIFY changed)
    // [{standard, title, focus, narrative, excerptCount, excerpts: [{time, text, tags}]}]
    Q_PROPERTY(QVariantList sections READ sections NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
    Q_PROPERTY(QString actionError READ actionError NOTIFY actionErrorChanged)

public:
    explicit ReportComposer(QObject *parent = nullptr);
    Session *session() const { return m_session; }
    void setSession(Session *session);
    QString caseId() const { return m_caseId; }
    void setCaseId(const QString &caseId);
    bool hasDraft() const { return m_hasDraft; }
    QString heading() const { return m_heading; }
    QString periodText() const { return m_period; }
    QString evidenceText() const { return m_evidence; }
    QString narrative() const { return m_narrative; }
    QVariantList sections() const { return m_sections; }
    QString errorText() const { return m_error; }
    QString actionError() const { return m_actionError; }

    // (Re)composes the draft from the notes, keeping the narratives already written.
    Q_INVOKABLE bool compose();
    // Saves a narrative: `standard` empty for the overall one.
    Q_INVOKABLE bool setNarrative(const QString &standard, const QString &text);
    // Issues the draft as the next version; emits issued() with the new version's id.
    Q_INVOKABLE bool issue();
    Q_INVOKABLE bool discard();
    Q_INVOKABLE void reload();

signals:
    void sessionChanged();
    void caseIdChanged();
    void changed();
    void actionErrorChanged();
    void issued(const QString &reportId);

private:
    bool fail(const QString &message);
    QPointer<Session> m_session;
    QString m_caseId;
    bool m_hasDraft = false;
    QString m_heading, m_period, m_evidence, m_narrative, m_error, m_actionError;
    QVariantList m_sections;
};

} // namespace triad::ui
