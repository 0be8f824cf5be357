// A short C++17 example of the C API: RAII ownership of the handles with
// std::unique_ptr and custom deleters, errors turned into exceptions.
//
// Built and run by scripts/test-c.sh (g++ -std=c++17 -Wall -Wextra -Wpedantic -Werror).
#include "inventory.h"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

struct LedgerDeleter {
    void operator()(inv_ledger *l) const noexcept { inv_ledger_free(l); }
};
using Ledger = std::unique_ptr<inv_ledger, LedgerDeleter>;

struct StringDeleter {
    void operator()(char *s) const noexcept { inv_string_free(s); }
};
using String = std::unique_ptr<char, StringDeleter>;

// Throws the last error's message (with the code's name) unless `rc` is INV_OK.
void check(inv_result rc) {
    if (rc == INV_OK) {
        return;
    }
    size_t needed = 0;
    inv_last_error_message(nullptr, 0, &needed);
    std::string message(needed, '\0');
    inv_last_error_message(message.data(), message.size(), nullptr);
    message.resize(needed > 0 ? needed - 1 : 0);
    throw std::runtime_error(std::string(inv_result_name(rc)) + ": " + message);
}

Ledger new_ledger() {
    inv_ledger *raw = nullptr;
    check(inv_ledger_new(&raw));
    return Ledger(raw);
}

}  // namespace

int main() {
    try {
        std::printf("inventory %s\n", inv_version());
        Ledger ledger = new_ledger();
        inv_outcome outcome{};
        check(inv_ledger_receive(ledger.get(), "MUG", "WH-1", "10", "4.00", 1700000000,
                                 "PO-7", "GRN-1", &outcome));
        check(inv_ledger_ship(ledger.get(), "MUG", "WH-1", "3", 1700000060, nullptr, "SHIP-1",
                              &outcome));
        std::printf("shipped 3, cogs %s\n", outcome.cogs);

        inv_position position{};
        check(inv_ledger_position(ledger.get(), "MUG", "WH-1", &position));
        std::printf("MUG @ WH-1: on hand %s, available %s\n", position.on_hand,
                    position.available);

        char *raw_json = nullptr;
        check(inv_ledger_to_json(ledger.get(), &raw_json));
        String json(raw_json);
        std::printf("snapshot is %zu bytes\n", std::string(json.get()).size());

        try {
            check(inv_ledger_ship(ledger.get(), "MUG", "WH-1", "100", 1700000120, nullptr,
                                  nullptr, nullptr));
            return 1;  // unreachable: there are only 7 units
        } catch (const std::runtime_error &e) {
            std::printf("refused: %s\n", e.what());
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
