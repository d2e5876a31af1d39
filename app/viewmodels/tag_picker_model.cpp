#include "tag_picker_model.h"

#include <QLocale>

#include <algorithm>

#include <set>

namespace triad::ui {

const policy::CstpCatalogue &shownCatalogue() { return policy::catalogueIn(QLocale::languageToCode(QLocale().language())); }

QString shownStandardLabel(const policy::CstpCatalogue &catalogue, int number)
{
    const policy::CstpStandard *standard = catalogue.standard(number);
    return standard ? TagPickerModel::tr("Standard %1: %2").arg(number).arg(QString::fromStdString(standard->title))
                    : TagPickerModel::tr("Standard %1").arg(number);
}

TagPickerModel::TagPickerModel(QObject *parent) : QAbstractListModel(parent), m_catalogue(shownCatalogue()) { rebuild(); }

void TagPickerModel::setFocus(const QStringList &focus)
{
    if (focus == m_focus) return;
    m_focus = focus;
    emit focusChanged();
    rebuild();
}

void TagPickerModel::setSelected(const QStringList &selected)
{
    if (selected == m_selected) return;
    m_selected = selected;
    emit selectedChanged();
    if (!m_rows.empty()) emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {SelectedRole});
}

void TagPickerModel::setFilter(const QString &filter)
{
    if (filter == m_filter) return;
    m_filter = filter;
    emit filterChanged();
    rebuild();
}

void TagPickerModel::setFocusOnly(bool focusOnly)
{
    if (focusOnly == m_focusOnly) return;
    m_focusOnly = focusOnly;
    emit focusOnlyChanged();
    rebuild();
}

void TagPickerModel::toggle(const QString &tag)
{
    if (!m_catalogue.isValidTag(tag.toStdString())) return;
    QStringList next = m_selected;
    if (next.contains(tag))
        next.removeAll(tag);
    else
        next << tag;
    setSelected(next);
}

void TagPickerModel::clearSelection() { setSelected({}); }

QString TagPickerModel::labelFor(const QString &tag) const
{
    const std::string t = tag.toStdString();
    if (m_catalogue.element(t)) return QString::fromStdString(m_catalogue.elementLabel(t));
    bool ok = false;
    const int n = tag.toInt(&ok);
    if (ok && m_catalogue.standard(n)) return shownStandardLabel(m_catalogue, n);
    return tag;
}

void TagPickerModel::setStandards(const std::vector<int> &standards)
{
    if (standards == m_standards) return;
    m_standards = standards;
    rebuild();
}

void TagPickerModel::rebuild()
{
    const int before = static_cast<int>(m_rows.size());
    std::vector<Row> rows;
    const QString needle = m_filter.trimmed();
    auto matches = [&](const QString &tag, const QString &label) {
        return needle.isEmpty() || tag.startsWith(needle) || label.contains(needle, Qt::CaseInsensitive);
    };
    std::set<QString> shown;
    auto inCatalogue = [&](int standard) {
        return m_standards.empty() || std::find(m_standards.begin(), m_standards.end(), standard) != m_standards.end();
    };
    const QString focusSection = tr("Standards of focus");
    m_focusSection = focusSection;
    auto addElement = [&](const policy::CstpElement &e, const QString &section, bool isFocus) {
        const QString tag = QString::fromStdString(e.id);
        const QString label = QString::fromStdString(e.text);
        if (shown.count(tag) || !matches(tag, label)) return;
        shown.insert(tag);
        rows.push_back({tag, label, section, isFocus, false});
    };
    for (const QString &f : m_focus) {
        const std::string id = f.toStdString();
        if (const auto *e = m_catalogue.element(id)) {
            if (inCatalogue(e->standard)) addElement(*e, focusSection, true);
        } else if (bool ok = false; f.toInt(&ok), ok) {
            if (const auto *standard = m_catalogue.standard(f.toInt()); standard && inCatalogue(standard->number)) {
                const QString title = QString::fromStdString(standard->title);
                if (!shown.count(f) && matches(f, title)) {
                    shown.insert(f);
                    rows.push_back({f, tr("Standard %1 (overall): %2").arg(f, title), focusSection, true, true});
                }
                if (!m_focusOnly)
                    for (const auto &element : standard->elements) addElement(element, focusSection, true);
            }
        }
    }
    if (!m_focusOnly) {
        for (const auto &standard : m_catalogue.standards()) {
            if (!inCatalogue(standard.number)) continue;
            const QString section = shownStandardLabel(m_catalogue, standard.number);
            for (const auto &e : standard.elements) addElement(e, section, false);
        }
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (before != static_cast<int>(m_rows.size())) emit countChanged();
}

int TagPickerModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

QVariant TagPickerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TagRole: return r.tag;
    case LabelRole: return r.label;
    case SectionRole: return r.section;
    case IsFocusRole: return r.isFocus;
    case SelectedRole: return m_selected.contains(r.tag);
    case IsStandardRole: return r.isStandard;
    default: return {};
    }
}

QHash<int, QByteArray> TagPickerModel::roleNames() const
{
    return {{TagRole, "tag"},         {LabelRole, "label"},       {SectionRole, "section"},
            {IsFocusRole, "isFocus"}, {SelectedRole, "selected"}, {IsStandardRole, "isStandard"}};
}

} // namespace triad::ui
