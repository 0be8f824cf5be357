// A short C++17 example of the C API: RAII ownership of the handles with
// std::unique_ptr and custom deleters, errors turned into exceptions.
//
// Built and run by scripts/test-c.sh (g++ -std=c++17 -Wall -Wextra -Wpedantic -Werror).
#include "inventory.h"

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

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

// One deleter per handle type: std::unique_ptr<T, Deleter<T, free>>.
template <typename T, void (*Free)(T *)>
struct Deleter {
    void operator()(T *p) const noexcept { Free(p); }
};
using Supplier = std::unique_ptr<inv_supplier, Deleter<inv_supplier, inv_supplier_free>>;
using OrderLines =
    std::unique_ptr<inv_order_lines, Deleter<inv_order_lines, inv_order_lines_free>>;
using ReceiptLines =
    std::unique_ptr<inv_receipt_lines, Deleter<inv_receipt_lines, inv_receipt_lines_free>>;
using Incoming = std::unique_ptr<inv_incoming, Deleter<inv_incoming, inv_incoming_free>>;
using PlanRequest =
    std::unique_ptr<inv_plan_request, Deleter<inv_plan_request, inv_plan_request_free>>;
using Plan = std::unique_ptr<inv_plan, Deleter<inv_plan, inv_plan_free>>;

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

        // Purchasing: a supplier, an order of 24 mugs placed, 20 received, 4 still incoming.
        const int64_t day = 86400, t0 = 1700086400;
        inv_supplier *raw_supplier = nullptr;
        check(inv_supplier_new("ACME", "Acme Ceramics", 30, "2", 10, &raw_supplier));
        Supplier supplier(raw_supplier);
        check(inv_supplier_add_item(supplier.get(), "MUG", nullptr, INV_DISCOUNT_ALL_UNITS,
                                    nullptr, "12", 10.0, 2.0, true));
        check(inv_supplier_add_price_break(supplier.get(), "MUG", "0", "3.80"));
        check(inv_ledger_set_supplier(ledger.get(), supplier.get(), t0, nullptr, nullptr));

        inv_order_lines *raw_lines = nullptr;
        check(inv_order_lines_new(&raw_lines));
        OrderLines lines(raw_lines);
        check(inv_order_lines_add(lines.get(), 10, "MUG", "WH-1", "24", nullptr, t0 + 10 * day));
        check(inv_ledger_create_order(ledger.get(), "PO-8", "ACME", lines.get(), t0, nullptr,
                                      nullptr));
        check(inv_ledger_place_order(ledger.get(), "PO-8", t0, nullptr, nullptr));

        inv_receipt_lines *raw_receipt = nullptr;
        check(inv_receipt_lines_new(&raw_receipt));
        ReceiptLines receipt(raw_receipt);
        check(inv_receipt_lines_add(receipt.get(), 10, "20", nullptr, nullptr, nullptr));
        inv_purchase_outcome received{};
        check(inv_ledger_receive_order(ledger.get(), "PO-8", "GRN-8", receipt.get(),
                                       t0 + 9 * day, nullptr, &received));
        check(inv_ledger_journal_outcome(ledger.get(), received.first_movement, &outcome));
        std::printf("received 20 mugs worth %s\n", outcome.value);

        inv_incoming *raw_incoming = nullptr;
        check(inv_ledger_incoming(ledger.get(), "MUG", nullptr, &raw_incoming));
        Incoming incoming(raw_incoming);
        inv_incoming_row row{};
        for (size_t i = 0; i < inv_incoming_len(incoming.get()); i++) {
            check(inv_incoming_get(incoming.get(), i, &row));
            std::printf("incoming %s @ %s: %s\n", row.sku, row.location, row.quantity);
        }

        // Replenishment: 5 mugs a day expected (sigma 2); plan with the default policy and
        // accept the suggested order, if any, as PO-9.
        const int64_t today = t0 + 9 * day;
        inv_plan_request *raw_request = nullptr;
        check(inv_plan_request_new(today, 90, &raw_request));
        PlanRequest request(raw_request);
        const std::vector<double> daily(30, 5.0);
        check(inv_plan_request_add_forecast(request.get(), "MUG", "WH-1", daily.data(),
                                            daily.size(), 2.0));
        inv_plan *raw_plan = nullptr;
        check(inv_ledger_plan(ledger.get(), request.get(), &raw_plan));
        Plan plan(raw_plan);
        inv_plan_item item{};
        check(inv_plan_items_get(plan.get(), 0, &item));
        std::printf("MUG @ WH-1: position %s, reorder point %.1f\n", item.position,
                    item.reorder_point);
        if (inv_plan_orders_len(plan.get()) == 1) {
            inv_suggested_line line{};
            check(inv_plan_order_lines_get(plan.get(), 0, 0, &line));
            std::printf("suggested %s at %s (%s)\n", line.quantity, line.unit_price,
                        line.reason);
            const char *ids[] = {"PO-9"};
            check(inv_ledger_accept_plan(ledger.get(), plan.get(), ids, 1, false, today,
                                         nullptr, 0));
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
