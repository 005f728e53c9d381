// The library API of the encrypted copy and its slip: RenderRequest::add_encrypted, the artifacts' bytes.
#include <doctest/doctest.h>

#include "deliver/passphrase.hpp"
#include "pipeline_fixture.hpp"

using namespace pipeline_test;

TEST_CASE("add_encrypted: the encrypted copy and the slip in memory, sharing one passphrase") {
    TempDir dir;
    RenderRequest req;
    req.source = takehome::load::InputSource::file(example("daniel-okafor"));
    takehome::deliver::Passphrase p = takehome::deliver::new_passphrase();
    const std::string pass = p.text;
    req.add_encrypted((dir / "h.pdf").string(), takehome::app::default_slip_path((dir / "h.pdf").string()), std::move(p));
    req.add("patient", (dir / "plain.pdf").string());
    Diagnostics diags;
    const RenderedHandout out = render_ok(req, diags);
    REQUIRE(out.bytes("encrypted") != nullptr);
    REQUIRE(out.bytes("slip") != nullptr);
    CHECK(out.path("slip") == (dir / "h-password-slip.pdf").string());
    const std::string& enc = *out.bytes("encrypted");
    CHECK(enc.rfind("%PDF-", 0) == 0);
    CHECK(enc.find("/V 5") != std::string::npos);
    CHECK(enc.find("/R 6") != std::string::npos);
    CHECK(enc.find(pass) == std::string::npos);
    CHECK(out.bytes("slip")->find("/Encrypt") == std::string::npos);
    // Nothing was written by render().
    CHECK(test_support::listing(dir.path).empty());
}

TEST_CASE("an encrypted or slip output without a password is an internal error, never an unencrypted copy") {
    TempDir dir;
    for (const char* kind : {"encrypted", "slip"}) {
        RenderRequest req;
        req.source = takehome::load::InputSource::file(example("daniel-okafor"));
        req.add(kind, (dir / "h.pdf").string());
        Diagnostics diags;
        CHECK_THROWS_WITH_AS((void)pipeline().render(req, diags), doctest::Contains("without a password"),
                             takehome::InternalError);
    }
}
