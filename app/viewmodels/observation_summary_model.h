// The end-of-observation summary: the notes grouped by CSTP standard and element (current wording and tags, so
// amendments count), plus the untagged ones.
#pragma once

#include "note_service.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace triad::ui {

class ObservationSummaryModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ObservationController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int noteCount READ noteCount NOTIFY countChanged)
    Q_PROPERTY(int untaggedCount READ untaggedCount NOTIFY countChanged)

public:
    enum Role {
        SectionRole = Qt::UserRole + 1, // "Standard 2: Teacher Creates and Maintains …"
        TagRole,                        // "2.6" (or "2" for a whole-standard tag)
        LabelRole,                      // element text
        NoteCountRole,
        NotesRole, // QVariantList of {offsetText, text}
    };
    Q_ENUM(Role)

    explicit ObservationSummaryModel(QObject *parent = nullptr);
    void build(const std::vector<store::NoteWithHistory> &notes);

    int noteCount() const { return m_noteCount; }
    int untaggedCount() const { return m_untagged; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    struct Row {
        int standard = 0;
        QString section, tag, label;
        QVariantList notes;
    };
    std::vector<Row> m_rows;
    int m_noteCount = 0;
    int m_untagged = 0;
};

} // namespace triad::ui
