// A throwaway store in a temporary directory, unlocked with a fast (interactive) Argon2id setting.
#pragma once

#include "local_store.h"
#include "linux/passphrase_keystore.h"
#include "case_service.h"
#include "note_service.h"

#include <QDir>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

namespace triad::test {

inline constexpr const char *kPassphrase = "correct horse battery staple";

struct StoreFixture {
    QTemporaryDir tmp;
    QString dir = tmp.filePath(QStringLiteral("store"));
    platform::PassphraseKeystore keystore{platform::KdfStrength::Interactive};
    std::unique_ptr<store::LocalStore> store;
    RecordId caseId;

    explicit StoreFixture(bool withCase = true)
    {
        REQUIRE(tmp.isValid());
        auto created = store::LocalStore::create(dir, keystore, platform::UnlockCredential::fromPassphrase(kPassphrase),
                                                 store::CreateOptions{"Alex Rivera", "E-10001", {Role::ParMentor}});
        if (!created) FAIL(created.error().message);
        reopen();
        if (withCase) {
            Person teacher{RecordId::generate(), "Jordan Lee", "E-20002", {Role::ParticipatingTeacher}, {}};
            REQUIRE(store::CaseService(*store).savePerson(teacher).ok());
            ParCase c;
            c.id = RecordId::generate();
            c.kind = CaseKind::Referred;
            c.teacherId = teacher.id;
            c.mentorId = store->owner().id;
            c.school = "Cottonwood Elementary School";
            c.gradeSubject = "Grade 4 / Multiple subjects";
            c.schoolYear = "2026-27";
            c.startDate = QDate(2026, 9, 1);
            c.standardsOfFocus = {"2.6", "5"};
            auto saved = store::CaseService(*store).saveCase(c);
            if (!saved) FAIL(saved.error().message);
            caseId = c.id;
        }
    }

    // The store's notes and observations (store/note_service.h).
    store::NoteService notes() { return store::NoteService(*store); }

    void reopen()
    {
        store.reset();
        auto opened = store::LocalStore::open(dir, keystore, platform::UnlockCredential::fromPassphrase(kPassphrase));
        if (!opened) FAIL(opened.error().message);
        store = std::move(*opened);
    }

    Result<std::unique_ptr<store::LocalStore>> openWith(const char *passphrase)
    {
        return store::LocalStore::open(dir, keystore, platform::UnlockCredential::fromPassphrase(passphrase));
    }

    // Every byte the store has on disk: the database, its WAL and shared memory, and the key file.
    QByteArray allBytesOnDisk() const
    {
        QByteArray all;
        for (const QFileInfo &fi : QDir(dir).entryInfoList(QDir::Files | QDir::Hidden)) {
            QFile f(fi.absoluteFilePath());
            if (f.open(QIODevice::ReadOnly)) all += f.readAll();
        }
        return all;
    }
};

} // namespace triad::test
