// The delivery module's interface: the parts of the deliver stage that need GMime (the e-mail and its
// addresses), libcurl (sending) or libcups (printing). They are built into takehome-deliver.so, loaded on
// first use (base/module.hpp), so that a render without --email-draft, send or --print does not load those
// libraries' 32 shared objects at start. Callers keep calling the free functions of message.hpp, smtp.hpp
// and print.hpp; in the program those forward here (client.cpp), in the module they are the implementations.
#pragma once

#include <cstdint>
#include <string>

#include "deliver/message.hpp"
#include "deliver/print.hpp"
#include "deliver/smtp.hpp"

namespace takehome::deliver {

/// The module's file in the modules' folder (kModuleDirRelative).
inline constexpr const char* kDeliveryModuleFile = "takehome-deliver.so";

/// Its entry point: `const DeliveryModule* takehome_module_deliver_v1()`. The suffix changes with this
/// class, so a module built against another layout of it is refused by name, never called.
inline constexpr const char* kDeliveryModuleEntry = "takehome_module_deliver_v1";

/// What the module does; each function is the one of the same name in message.hpp, smtp.hpp or print.hpp,
/// with the same exceptions (DeliveryError, InternalError, InputError cross the boundary as themselves).
class DeliveryModule {
public:
    [[nodiscard]] virtual std::string mailbox_address(const std::string& text) const = 0;
    [[nodiscard]] virtual Message build_message(const MessageContent& content, const Attachment& attachment,
                                                std::int64_t now, bool draft) const = 0;
    virtual void send_message(const SmtpSettings& settings, const Message& message) const = 0;
    [[nodiscard]] virtual std::string check_printer(const PrintRequest& request) const = 0;
    [[nodiscard]] virtual PrintedJob print_pdf(const std::string& pdf, const PrintRequest& request) const = 0;

protected:
    ~DeliveryModule() = default;  // the module's one instance lives as long as the process
};

/// The loaded module (opened on the first call). Throws InternalError naming the file and the loader's
/// reason when it cannot be loaded (exit 1).
[[nodiscard]] const DeliveryModule& delivery_module();

}  // namespace takehome::deliver
