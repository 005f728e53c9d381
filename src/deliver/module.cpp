// The delivery module's entry point (takehome-deliver.so): the one DeliveryModule, forwarding to this
// module's own message.cpp, smtp.cpp and print.cpp. Only the two takehome_module_* symbols are exported
// (src/module.map), so nothing here can clash with or bind to the program's copies of the same names.
#include "deliver/module.hpp"

namespace takehome::deliver {

namespace {

class Implementation final : public DeliveryModule {
public:
    std::string mailbox_address(const std::string& text) const override { return deliver::mailbox_address(text); }
    Message build_message(const MessageContent& content, const Attachment& attachment, std::int64_t now,
                          bool draft) const override {
        return deliver::build_message(content, attachment, now, draft);
    }
    void send_message(const SmtpSettings& settings, const Message& message) const override {
        deliver::send_message(settings, message);
    }
    std::string check_printer(const PrintRequest& request) const override { return deliver::check_printer(request); }
    PrintedJob print_pdf(const std::string& pdf, const PrintRequest& request) const override {
        return deliver::print_pdf(pdf, request);
    }
};

}  // namespace

}  // namespace takehome::deliver

extern "C" {
/// The version the module was built as (base/module.hpp, kModuleVersionSymbol).
extern const char* const takehome_module_version;
const char* const takehome_module_version = TAKEHOME_VERSION;

/// kDeliveryModuleEntry.
const takehome::deliver::DeliveryModule* takehome_module_deliver_v1();
const takehome::deliver::DeliveryModule* takehome_module_deliver_v1() {
    static const takehome::deliver::Implementation instance;
    return &instance;
}
}
