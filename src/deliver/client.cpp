// The program's side of the delivery module: the free functions of message.hpp, smtp.hpp and print.hpp that
// need GMime, libcurl or libcups, forwarding to takehome-deliver.so, which is loaded on the first call. This
// file is linked into the program (takehome_deliver_client) and never into the module, whose own definitions
// of these names are the real ones (takehome_deliver_impl).
#include "base/module.hpp"
#include "deliver/module.hpp"

namespace takehome::deliver {

const DeliveryModule& delivery_module() {
    // A function-local static: initialised once, thread-safe (the web service renders on several threads);
    // a failed load throws and is tried again by the next call.
    static const DeliveryModule* const module = [] {
        using Entry = const DeliveryModule* (*)();
        const auto entry = reinterpret_cast<Entry>(
            module_entry(kDeliveryModuleFile, kDeliveryModuleEntry, "delivery (e-mail, sending, printing)"));
        const DeliveryModule* m = entry();
        if (m == nullptr) throw InternalError(std::string("the delivery module '") + kDeliveryModuleFile + "' gave no interface");
        return m;
    }();
    return *module;
}

std::string mailbox_address(const std::string& text) { return delivery_module().mailbox_address(text); }

Message build_message(const MessageContent& content, const Attachment& attachment, std::int64_t now, bool draft) {
    return delivery_module().build_message(content, attachment, now, draft);
}

void send_message(const SmtpSettings& settings, const Message& message) {
    delivery_module().send_message(settings, message);
}

std::string check_printer(const PrintRequest& request) { return delivery_module().check_printer(request); }

PrintedJob print_pdf(const std::string& pdf, const PrintRequest& request) {
    return delivery_module().print_pdf(pdf, request);
}

}  // namespace takehome::deliver
