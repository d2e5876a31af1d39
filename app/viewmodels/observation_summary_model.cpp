#include "observation_summary_model.h"
#include "tag_picker_model.h"

#include "cstp.h"

#include <QVariantMap>

#include <algorithm>
#include <map>

namespace triad::ui {

ObservationSummaryModel::ObservationSummaryModel(QObject *parent) : QAbstractListModel(parent) {}

namespace {
// "2.10" sorts after "2.9": compare standard, then element number.
std::pair<int, int> tagOrder(const std::string &tag)
{
    const auto dot = tag.find('.');
    const int standard = std::atoi(tag.substr(0, dot).c_str());
    const int element = dot == std::string::npos ? 0 : std::atoi(tag.substr(dot + 1).c_str());
    return {standard, element};
}
} // namespace

void ObservationSummaryModel::build(const std::vector<store::NoteWithHistory> &notes)
{
    const policy::CstpCatalogue &catalogue = shownCatalogue();
    std::map<std::pair<int, int>, Row> rows;
    int untagged = 0, readable = 0;
    for (const auto &n : notes) {
        if (!n.unreadable.empty()) continue; // no tags or wording to count: the page shows it as unreadable
        ++readable;
        const bool amended = !n.amendments.empty();
        const auto &tags = amended ? n.amendments.back().tags : n.note.tags;
        const auto &text = amended ? n.amendments.back().text : n.note.text;
        if (tags.empty()) ++untagged;
        for (const auto &tag : tags) {
            const auto key = tagOrder(tag);
            Row &r = rows[key];
            if (r.tag.isEmpty()) {
                r.standard = key.first;
                r.tag = QString::fromStdString(tag);
                r.section = shownStandardLabel(catalogue, key.first);
                if (const auto *e = catalogue.element(tag))
                    r.label = QString::fromStdString(e->text);
                else
                    r.label = tr("The standard as a whole");
            }
            r.notes << QVariantMap{{QStringLiteral("offsetText"), QStringLiteral("+") + QString::fromStdString(formatOffset(n.note.offsetMs))},
                                   {QStringLiteral("text"), QString::fromStdString(text)}};
        }
    }
    beginResetModel();
    m_rows.clear();
    for (auto &[key, row] : rows) m_rows.push_back(std::move(row));
    m_noteCount = readable;
    m_untagged = untagged;
    endResetModel();
    emit countChanged();
}

int ObservationSummaryModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

QVariant ObservationSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case SectionRole: return r.section;
    case Qt::DisplayRole:
    case TagRole: return r.tag;
    case LabelRole: return r.label;
    case NoteCountRole: return static_cast<int>(r.notes.size());
    case NotesRole: return r.notes;
    default: return {};
    }
}

QHash<int, QByteArray> ObservationSummaryModel::roleNames() const
{
    return {{SectionRole, "section"}, {TagRole, "tag"}, {LabelRole, "label"}, {NoteCountRole, "noteCount"}, {NotesRole, "notes"}};
}

} // namespace triad::ui
