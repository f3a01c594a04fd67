#include "openness/util/atomic_file.hpp"
#include "openness/util/file_system.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using openness::util::FileKind, openness::util::MemoryFileSystem, openness::util::RealFileSystem;

TEST_CASE("the in-memory file system holds a tree", "[file_system]") {
    MemoryFileSystem files;
    files.add("d/a.json", "12345");
    files.add("d/e/b.json", "x");
    SECTION("stat") {
        CHECK(files.stat("d/a.json").kind == FileKind::regular);
        CHECK(files.stat("d/a.json").size == 5);
        CHECK(files.stat("d").kind == FileKind::directory);
        CHECK(files.stat("d/e").kind == FileKind::directory);
        CHECK(files.stat("d/a").kind == FileKind::missing);
    }
    SECTION("list: files and folders directly below") {
        const openness::util::Listing listing = files.list("d");
        REQUIRE(listing.entries.size() == 2);
        CHECK(listing.entries[0].name == "a.json");
        CHECK(listing.entries[0].kind == FileKind::regular);
        CHECK(listing.entries[1].name == "e");
        CHECK(listing.entries[1].kind == FileKind::directory);
        CHECK(files.list("nowhere").error == "cannot read directory: No such file or directory");
    }
    SECTION("read, read_head and the size limit") {
        CHECK(files.read("d/a.json", 100).content == "12345");
        CHECK(files.read("d/a.json", 4).error ==
              "file is 5 bytes, over the limit of 4 bytes (--max-file-size)");
        CHECK(files.read("d", 100).error == "is a directory");
        CHECK(files.read("nowhere", 100).error == "cannot open: No such file or directory");
        CHECK(files.read_head("d/a.json", 2) == "12");
    }
    SECTION("writes land in the tree") {
        const auto file = files.write_atomically("d/out.txt");
        file->stream() << "report";
        CHECK_FALSE(files.file("d/out.txt"));  // nothing appears before commit
        REQUIRE(file->commit());
        CHECK(files.file("d/out.txt") == "report");
        const openness::util::CreateResult again = files.create_exclusive("d/out.txt", "x");
        CHECK_FALSE(again.ok);
        CHECK(again.exists);
        CHECK(files.file("d/out.txt") == "report");
        CHECK(files.create_exclusive("d/new.txt", "y").ok);
        CHECK(files.file("d/new.txt") == "y");
    }
}

TEST_CASE("the real file system stats, lists and creates exclusively", "[file_system]") {
    openness::test::TempDir dir;
    const RealFileSystem files;
    REQUIRE(files.create_exclusive(dir / "a.json", "{}").ok);
    const openness::util::CreateResult again = files.create_exclusive(dir / "a.json", "[]");
    CHECK(again.exists);
    CHECK(again.error == "cannot create " + (dir / "a.json") + ": File exists");
    CHECK(files.read(dir / "a.json", 100).content == "{}");
    CHECK(files.stat(dir / "a.json").kind == FileKind::regular);
    CHECK(files.stat(dir.path()).kind == FileKind::directory);
    CHECK(files.stat(dir / "missing").kind == FileKind::missing);
    const openness::util::Listing listing = files.list(dir.path());
    REQUIRE(listing.entries.size() == 1);
    CHECK(listing.entries[0].name == "a.json");
    CHECK(listing.entries[0].kind == FileKind::regular);
}

TEST_CASE("an atomic file gets the mode a new file gets, and leaves the umask alone",
          "[file_system]") {
    openness::test::TempDir dir;
    const mode_t previous = ::umask(027);  // this test's own umask, restored below
    {
        openness::util::AtomicFile file(dir / "out.txt");
        REQUIRE(file.ok());
        file.stream() << "whole";
        REQUIRE(file.commit());
    }
    const mode_t during = ::umask(previous);
    CHECK(during == 027);
    struct stat info {};
    REQUIRE(::stat((dir / "out.txt").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0640);
    CHECK(RealFileSystem().read(dir / "out.txt", 100).content == "whole");
    CHECK(RealFileSystem().list(dir.path()).entries.size() == 1);  // no temporary file left
}

TEST_CASE("an atomic file dropped without commit leaves nothing behind", "[file_system]") {
    openness::test::TempDir dir;
    {
        openness::util::AtomicFile file(dir / "out.txt");
        REQUIRE(file.ok());
        file.stream() << "half";
    }
    CHECK(RealFileSystem().list(dir.path()).entries.empty());
}
