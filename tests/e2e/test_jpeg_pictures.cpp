// End-to-end: a clinic's JPEG logo and a JPEG exercise photo with an EXIF orientation (issue 11). The photo is
// placed turned, at its oriented aspect ratio, in both the patient copy (Cairo) and the archival copy
// (libharu); a truncated logo and a photo whose header claims 50,000 x 50,000 pixels are both reported at the
// lines that name them, and nothing is written. The pictures are invented, written with libjpeg.
#include <doctest/doctest.h>

#include <sstream>

#include "e2e/run.hpp"
#include "support/jpeg_fixture.hpp"

using e2e::quote;
using e2e::run;

namespace {

const char* const kExercise = R"(---
id: wall-push
name: Wall push
purpose: Builds strength in your arms and upper back.
image: images/wall-push.jpg
image_alt: A person leaning on a wall with straight arms, then with bent elbows.
dose_reps: 10
---
## Starting position
Stand an arm's length from a wall. Put your hands flat on the wall.

## Steps
1. Bend your elbows and lean in.
2. Push back out.
3. Keep your back straight.

## What you should feel
Your arms working.

## Stop and tell us if
- your shoulder hurts
)";

/// The clinic profile with `logo: logo.jpg`, the summary with the wall push, the exercise file.
void write_case(const e2e::TempDir& tmp) {
    const std::string ex = e2e::shared_dir() + "/cases/examples/";
    e2e::spit(tmp / "riverside-clinic.yaml", e2e::slurp(ex + "riverside-clinic.yaml") + "logo: logo.jpg\n");
    std::string s = e2e::slurp(ex + "daniel-okafor.yaml");
    s.replace(s.find("    - id: walking\n"), 18, "    - id: wall-push\n");
    e2e::spit(tmp / "s.yaml", s);
    e2e::spit(tmp / "ours" / "wall-push.md", kExercise);
}

/// The line of `text` (1-based) that contains `needle`, 0 when none does.
int line_of(const std::string& text, const std::string& needle) {
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.find(needle) != std::string::npos) return n;
    }
    return 0;
}

struct Listed {
    int width = 0, height = 0;
    std::string enc;
    int x_ppi = 0, y_ppi = 0;
};

/// pdfimages -list: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio.
std::vector<Listed> images_of(const std::string& pdf) {
    const auto r = run("pdfimages -list " + quote(pdf));
    REQUIRE(r.status == 0);
    std::vector<Listed> out;
    std::istringstream lines(r.out);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream f(line);
        std::string page, num, type, colour, comp, bpc, interp, object, id;
        Listed l;
        if (!(f >> page >> num >> type >> l.width >> l.height >> colour >> comp >> bpc >> l.enc >> interp >> object >> id >>
              l.x_ppi >> l.y_ppi) ||
            type != "image") {
            continue;
        }
        out.push_back(l);
    }
    return out;
}

}  // namespace

TEST_CASE("a JPEG logo is passed through and a turned JPEG photo is placed upright, on both copies") {
    e2e::TempDir tmp;
    write_case(tmp);
    const std::string logo = test_support::red_top_jpeg(120, 60);
    e2e::spit(tmp / "logo.jpg", logo);
    e2e::spit(tmp / "ours" / "images" / "wall-push.jpg", test_support::red_top_jpeg(160, 80, 6));  // 80 x 160 upright
    const auto r = run(quote(e2e::binary()) + " render " + quote((tmp / "s.yaml").string()) + " --exercises " +
                       quote((tmp / "ours").string()) + " -o " + quote((tmp / "out.pdf").string()) + " --archive " +
                       quote((tmp / "archive.pdf").string()));
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("picture") == std::string::npos);  // no warning about either picture
    CHECK(r.err.find("logo") == std::string::npos);
    for (const std::string name : {"out.pdf", "archive.pdf"}) {
        CAPTURE(name);
        const std::string pdf = e2e::slurp(tmp / name);
        CHECK(pdf.find(logo) != std::string::npos);  // the logo's file, unchanged (DCTDecode)
        bool logo_seen = false, photo_seen = false;
        for (const auto& im : images_of((tmp / name).string())) {
            if (im.width == 120 && im.height == 60 && im.enc == "jpeg") logo_seen = true;
            if (im.width == 80 && im.height == 160) {
                photo_seen = true;
                CHECK(im.x_ppi == im.y_ppi);  // placed at its oriented 1:2 aspect ratio, not stretched
            }
        }
        CHECK(logo_seen);
        CHECK(photo_seen);
    }
}

TEST_CASE("a truncated JPEG logo and a 50,000 x 50,000 JPEG photo are both positioned errors, and no output") {
    e2e::TempDir tmp;
    write_case(tmp);
    const std::string good = test_support::red_top_jpeg(120, 60);
    const std::size_t scan = good.find("\xFF\xDA");
    REQUIRE(scan != std::string::npos);
    e2e::spit(tmp / "logo.jpg", good.substr(0, scan + (good.size() - scan) / 2));
    e2e::spit(tmp / "ours" / "images" / "wall-push.jpg",
              test_support::claim_size(test_support::red_top_jpeg(16, 16), 50000, 50000));
    const auto r = run(quote(e2e::binary()) + " render " + quote((tmp / "s.yaml").string()) + " --exercises " +
                       quote((tmp / "ours").string()) + " -o " + quote((tmp / "out.pdf").string()) + " --archive " +
                       quote((tmp / "archive.pdf").string()));
    CHECK(r.status == 2);
    const int logo_line = line_of(e2e::slurp(tmp / "riverside-clinic.yaml"), "logo: logo.jpg");
    CHECK(r.err.find("riverside-clinic.yaml:" + std::to_string(logo_line) +
                     ":7: error: cannot read the logo 'logo.jpg': the JPEG data is truncated (libjpeg: Premature end "
                     "of JPEG file)") != std::string::npos);
    CHECK(r.err.find("wall-push.md:5:8: error: cannot read the picture 'images/wall-push.jpg' of exercise "
                     "'wall-push': the JPEG is 50000 x 50000 pixels (2500 megapixels); at most 40 megapixels can be "
                     "used") != std::string::npos);
    // Each picture is named as its author wrote it: the folders of the machine are never shown.
    CHECK(r.err.find((tmp / "ours" / "images").string()) == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(tmp / "out.pdf"));
    CHECK_FALSE(std::filesystem::exists(tmp / "archive.pdf"));
}
