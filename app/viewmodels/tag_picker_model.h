// CSTP tags for one-tap tagging: the case's standards of focus first, then the whole catalogue, filtered by a
// search text. Selection state lives here so QML only binds and calls toggle().
#pragma once

#include "cstp.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

// The CSTP catalogue in the app's language: the district's translation where it supplied one (policy::catalogueIn),
// else the catalogue's own words. Tags are ids, so either reads the same notes.
const policy::CstpCatalogue &shownCatalogue();
// "Standard 2: Teacher Creates and Maintains ..." with the heading in the app's language (documents keep the
// catalogue's own CstpCatalogue::standardLabel).
QString shownStandardLabel(const policy::CstpCatalogue &catalogue, int number);

class TagPickerModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList focus READ focus WRITE setFocus NOTIFY focusChanged)
    Q_PROPERTY(QStringList selected READ selected WRITE setSelected NOTIFY selectedChanged)
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    // Only the standards of focus as the case names them ("2", "2.6"), without expanding a standard into its
    // elements: the one-tap chips above the composer.
    Q_PROPERTY(bool focusOnly READ focusOnly WRITE setFocusOnly NOTIFY focusOnlyChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        TagRole = Qt::UserRole + 1, // "1.4" or "2"
        LabelRole,                  // element text or standard title
        SectionRole,                // "Standards of focus" or "Standard 1: …"
        IsFocusRole,
        SelectedRole,
        IsStandardRole, // a whole standard rather than one element
    };
    Q_ENUM(Role)

    explicit TagPickerModel(QObject *parent = nullptr);

    QStringList focus() const { return m_focus; }
    void setFocus(const QStringList &focus);
    QStringList selected() const { return m_selected; }
    void setSelected(const QStringList &selected);
    QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    bool focusOnly() const { return m_focusOnly; }
    void setFocusOnly(bool focusOnly);

    // The standards of the district's catalogue (DistrictPolicy::standards): only these are offered. Empty: all.
    void setStandards(const std::vector<int> &standards);

    Q_INVOKABLE void toggle(const QString &tag);
    Q_INVOKABLE void clearSelection();
    // "2.6 Employs classroom routines…" for a tag, for chips and summaries.
    Q_INVOKABLE QString labelFor(const QString &tag) const;
    // Whether a section title (SectionRole) is the standards-of-focus section: the view styles it without comparing
    // against its own, translated, copy of the title.
    Q_INVOKABLE bool isFocusSection(const QString &section) const { return !section.isEmpty() && section == m_focusSection; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void focusChanged();
    void selectedChanged();
    void filterChanged();
    void focusOnlyChanged();
    void countChanged();

private:
    struct Row {
        QString tag, label, section;
        bool isFocus = false;
        bool isStandard = false;
    };
    void rebuild();

    const policy::CstpCatalogue &m_catalogue;
    QStringList m_focus, m_selected;
    std::vector<int> m_standards;
    QString m_filter;
    QString m_focusSection;
    bool m_focusOnly = false;
    std::vector<Row> m_rows;
};

} // namespace triad::ui
