//! Unit tests of the planning run. Expected values are worked by hand in the comments.

use super::plan::demand_over;
use super::*;
use crate::error::ErrorKind;
use crate::policy::DiscountKind;
use crate::purchasing::{NewLine, PaymentTerms, PriceBreak, Supplier, SupplierItem};
use crate::{Ledger, Movement};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const DAY: i64 = 86_400;
/// z for 95 %.
const Z95: f64 = 1.644_853_626_951_472_2;

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6, "{a} != {b}");
}

/// 30 MUG on hand at WH; ACME sells MUG at 4.00 in packs of 12, quoted lead time 10 days.
fn ledger() -> Ledger {
    let mut l = Ledger::new();
    l.post(Movement::receive("MUG", "WH", d("30"), d("3.50"), 0))
        .unwrap();
    let acme = Supplier::new("ACME", "Acme", PaymentTerms::net(30))
        .item(SupplierItem::new("MUG", d("4.00"), 10.0).pack_size(d("12")));
    l.set_supplier(acme, 0).unwrap();
    l
}

/// 5 a day, σ 2, for 90 days.
fn mugs() -> Vec<DemandForecast> {
    vec![DemandForecast::flat("MUG", "WH", 5.0, 2.0, 90)]
}

fn run(l: &Ledger, policy: Policy) -> Plan {
    l.plan(&PlanRequest::new(DAY, mugs()).default_policy(PolicySettings::new(policy)))
        .unwrap()
}

fn only_line(p: &Plan) -> &SuggestedLine {
    assert_eq!(p.orders.len(), 1);
    assert_eq!(p.orders[0].lines.len(), 1);
    &p.orders[0].lines[0]
}

fn kinds(p: &Plan) -> Vec<AlertKind> {
    p.alerts.iter().map(|a| a.kind).collect()
}

#[test]
fn demand_over_fractional_days_and_past_the_end() {
    close(demand_over(&[1.0, 2.0, 3.0], 2.5), 1.0 + 2.0 + 1.5);
    close(
        demand_over(&[1.0, 2.0, 3.0], 5.0),
        1.0 + 2.0 + 3.0 + 3.0 + 3.0,
    );
    close(demand_over(&[1.0, 2.0, 3.0], 4.25), 6.0 + 3.0 + 0.75);
    close(demand_over(&[], 10.0), 0.0);
    close(demand_over(&[4.0], 0.0), 0.0);
}

#[test]
fn reorder_point_with_the_eoq() {
    let p = run(
        &ledger(),
        Policy::ReorderPoint {
            quantity: OrderQuantityRule::Eoq,
        },
    );
    let item = &p.items[0];
    // L = 10: D = 50, σ = √(10 × 4) = 6.3246, SS = 1.6449 × 6.3246 = 10.403, s = 60.403.
    close(item.protection_days, 10.0);
    close(item.protection_demand, 50.0);
    close(item.protection_std, 40f64.sqrt());
    close(item.safety_stock, Z95 * 40f64.sqrt());
    close(item.reorder_point, 50.0 + Z95 * 40f64.sqrt());
    // EOQ: D = 1825/yr, S = 25, h = 0.25 × 4 = 1: √(2·1825·25) = 302.08; packs of 12:
    // 300 costs 1825/300·25 + 150 = 302.08, 312 costs 146.23 + 156 = 302.23: 300.
    assert_eq!(item.order_quantity, Some(d("300")));
    assert_eq!(
        item.lead_time_source,
        Some(crate::purchasing::LeadTimeSource::Quoted)
    );
    // Position 30 ≤ 60.4: one Q lifts it above s.
    let line = only_line(&p);
    assert_eq!(
        (
            line.quantity,
            line.unit_price,
            line.value,
            line.rounding_cost
        ),
        (d("300"), d("4.00"), d("1200.00"), d("0.00"))
    );
    // Amounts are written in the money scale (Decimal equality ignores the scale).
    assert_eq!(
        (line.value.to_string(), line.rounding_cost.to_string()),
        ("1200.00".to_string(), "0.00".to_string())
    );
    assert_eq!(line.reason, Reason::BelowReorderPoint);
    assert_eq!((line.order_by, line.expected), (DAY, 11 * DAY));
    assert_eq!(p.orders[0].total, d("1200.00"));
    // Projection: 30 − 5 a day: day 5 ends at 0, day 6 at −5.
    close(item.projected[0], 25.0);
    close(item.projected[5], 0.0);
    close(item.projected[6], -5.0);
    assert_eq!((item.stockout_day, item.days_of_cover), (Some(7 * DAY), 6));
    assert_eq!(item.projected.len(), 182);
    // By week: the ends of days 7, 14, ..., and the last (182 = 26 × 7): 30 − 35k.
    let weekly = ledger()
        .plan(&PlanRequest::new(DAY, mugs()).projection(crate::Period::Week))
        .unwrap();
    let w = &weekly.items[0].projected;
    assert_eq!(w.len(), 26);
    close(w[0], -5.0);
    close(w[25], 30.0 - 5.0 * 182.0);
    // Stock at the lead time: 30 − 50 = −20 ± 1.6449 × 6.3246.
    close(item.stock_at_lead_time[1], -20.0);
    close(item.stock_at_lead_time[0], -20.0 - Z95 * 40f64.sqrt());
    close(item.stock_at_lead_time[2], -20.0 + Z95 * 40f64.sqrt());
    assert_eq!(
        kinds(&p),
        vec![
            AlertKind::StockoutWithinLeadTime,
            AlertKind::BelowReorderPoint
        ]
    );
}

#[test]
fn a_fixed_quantity_orders_enough_multiples() {
    // s = 60.40, position 30: (60.40 − 30) / 12 = 2.53 → 3 × 12 = 36.
    let p = run(
        &ledger(),
        Policy::ReorderPoint {
            quantity: OrderQuantityRule::Fixed(d("12")),
        },
    );
    assert_eq!(only_line(&p).quantity, d("36"));
}

#[test]
fn order_up_to_counts_incoming_and_rounds_up_to_packs() {
    let mut l = ledger();
    l.create_order(
        "PO-1",
        "ACME",
        vec![NewLine::new(1, "MUG", "WH", d("24"), 5 * DAY)],
        0,
    )
    .unwrap();
    l.place_order("PO-1", 0).unwrap();
    let p = run(&l, Policy::OrderUpTo { review_days: 7 });
    let item = &p.items[0];
    // L + R = 17: D = 85, σ = √68 = 8.2462, SS = 13.564, S = 98.564; position 30 + 24.
    let s = 85.0 + Z95 * 68f64.sqrt();
    close(item.reorder_point, s);
    assert_eq!(item.order_up_to, Some(item.reorder_point));
    assert_eq!(item.position, d("54"));
    let line = only_line(&p);
    close(line.unrounded, s - 54.0);
    // 44.564 → 4 packs = 48; rounding cost (48 − 44.564) × 4.00 = 13.74.
    assert_eq!((line.quantity, line.rounding_cost), (d("48"), d("13.74")));
    assert_eq!(line.reason, Reason::PeriodicReview);
    // The 24 arrive on day 5 (index 4): 30 − 5·5 + 24 = 29 at the end of it, then −5 a
    // day: −1 at index 10.
    close(item.projected[4], 29.0);
    assert_eq!(item.days_of_cover, 10);
    // 10 days of cover is not less than the 10-day lead time: no stockout alert.
    assert!(!kinds(&p).contains(&AlertKind::StockoutWithinLeadTime));
}

#[test]
fn just_in_time_min_max_and_periodic_min_max() {
    let l = ledger();
    // JIT: D(10) = 50 − 30 = 20 → 24, no safety stock.
    let p = run(&l, Policy::JustInTime { review_days: 0 });
    close(p.items[0].safety_stock, 0.0);
    let line = only_line(&p);
    assert_eq!((line.quantity, line.reason), (d("24"), Reason::JustInTime));
    // Given min 40 and max 100: 30 ≤ 40, up to 100: 70 → 72.
    let p = run(
        &l,
        Policy::MinMax {
            min: Some(d("40")),
            max: Some(d("100")),
        },
    );
    let line = only_line(&p);
    assert_eq!((line.quantity, line.reason), (d("72"), Reason::BelowMin));
    close(line.reorder_point, 40.0);
    // Computed min/max: s = 60.40, S = s + 300 = 360.40: 330.40 → 28 packs = 336.
    let p = run(
        &l,
        Policy::MinMax {
            min: None,
            max: None,
        },
    );
    assert_eq!(only_line(&p).quantity, d("336"));
    // (R, s, S), R = 7: s = 98.564, S = 398.564: 368.564 → 31 packs = 372.
    let p = run(&l, Policy::PeriodicMinMax { review_days: 7 });
    assert_eq!(only_line(&p).quantity, d("372"));
    close(
        p.items[0].order_up_to.unwrap(),
        85.0 + Z95 * 68f64.sqrt() + 300.0,
    );
}

#[test]
fn price_breaks_choose_the_quantity() {
    let mut l = Ledger::new();
    let acme = Supplier::new("ACME", "Acme", PaymentTerms::net(30)).item(
        SupplierItem::new("MUG", d("4.00"), 10.0).prices(
            DiscountKind::AllUnits,
            vec![
                PriceBreak::new(d("0"), d("4.00")),
                PriceBreak::new(d("100"), d("3.60")),
                PriceBreak::new(d("500"), d("3.20")),
            ],
        ),
    );
    l.set_supplier(acme, 0).unwrap();
    let p = run(
        &l,
        Policy::ReorderPoint {
            quantity: OrderQuantityRule::Eoq,
        },
    );
    // At 3.60: q* = √(2·1825·25/0.9) = 318.4, cost 6570 + 143.3 + 143.3 = 6856.6; at 3.20:
    // q* = 337.7 < 500 → 500, cost 5840 + 91.25 + 200 = 6131.25: 500 at 3.20.
    let line = only_line(&p);
    assert_eq!(
        (line.quantity, line.unit_price, line.value),
        (d("500"), d("3.20"), d("1600.00"))
    );
}

#[test]
fn manual_dropship_and_unsupplied_skus() {
    let l = ledger();
    let p = run(&l, Policy::Manual);
    assert!(p.orders.is_empty());
    assert!(kinds(&p).contains(&AlertKind::BelowReorderPoint));
    let p = run(&l, Policy::Dropship);
    assert!(p.orders.is_empty() && p.alerts.is_empty());
    assert_eq!(p.items[0].supplier, None);
    // A SKU nobody sells.
    let req = PlanRequest::new(DAY, vec![DemandForecast::flat("BOWL", "WH", 1.0, 0.5, 30)]);
    let p = l.plan(&req).unwrap();
    assert!(p.orders.is_empty());
    // No lead time without a supplier: s = 0, so only the missing supplier is raised.
    assert_eq!(kinds(&p), vec![AlertKind::NoSupplier]);
}

#[test]
fn overstock_negative_stock_and_overdue_lines() {
    let mut l = ledger();
    l.post(Movement::receive("MUG", "WH", d("970"), d("3.50"), 0))
        .unwrap();
    l.create_order(
        "PO-1",
        "ACME",
        vec![NewLine::new(1, "MUG", "WH", d("12"), 0)],
        0,
    )
    .unwrap();
    l.place_order("PO-1", 0).unwrap();
    // 1,012 units for 5 a day: 202 days of cover, above 180; no order.
    let p = l.plan(&PlanRequest::new(3 * DAY, mugs())).unwrap();
    assert!(p.orders.is_empty());
    assert_eq!(
        kinds(&p),
        vec![AlertKind::OverdueLine, AlertKind::Overstock]
    );
    let overdue = &p.alerts[0];
    assert_eq!(overdue.day, Some(0));
    assert!(overdue
        .message
        .contains("PO-1 line 1 from ACME: 12 units 3 days late"));
    // The overdue line counts on the first day of the projection: 1000 + 12 − 5.
    close(p.items[0].projected[0], 1007.0);
}

#[test]
fn backorders_alert_and_count_against_the_position() {
    let mut l = Ledger::with_config(crate::LedgerConfig::new().allow_negative(true)).unwrap();
    l.post(Movement::ship("MUG", "WH", d("8"), 0)).unwrap();
    let acme = Supplier::new("ACME", "Acme", PaymentTerms::net(30)).item(SupplierItem::new(
        "MUG",
        d("4.00"),
        10.0,
    ));
    l.set_supplier(acme, 0).unwrap();
    let p = run(&l, Policy::JustInTime { review_days: 0 });
    // Position −8: 50 + 8 = 58 whole units.
    assert_eq!(only_line(&p).quantity, d("58"));
    assert_eq!(p.items[0].days_of_cover, 0);
    assert!(kinds(&p).starts_with(&[AlertKind::NegativeAvailable]));
}

#[test]
fn the_most_specific_policy_wins_and_output_is_sorted() {
    let mut l = ledger();
    let npt = Supplier::new("NPT", "Newport", PaymentTerms::net(30)).item(SupplierItem::new(
        "BOWL",
        d("2.00"),
        5.0,
    ));
    l.set_supplier(npt, 0).unwrap();
    let demand = vec![
        DemandForecast::flat("MUG", "W2", 5.0, 2.0, 90),
        DemandForecast::flat("BOWL", "WH", 2.0, 1.0, 90),
        DemandForecast::flat("MUG", "WH", 5.0, 2.0, 90),
    ];
    let req = PlanRequest::new(DAY, demand)
        .policy(
            "MUG",
            None,
            PolicySettings::new(Policy::JustInTime { review_days: 0 }),
        )
        .policy("MUG", Some("W2"), PolicySettings::new(Policy::Manual));
    let p = l.plan(&req).unwrap();
    let names: Vec<(&str, &str, &str)> = p
        .items
        .iter()
        .map(|i| (i.sku.as_str(), i.location.as_str(), i.policy.name()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("BOWL", "WH", "reorder_point"),
            ("MUG", "W2", "manual"),
            ("MUG", "WH", "just_in_time"),
        ]
    );
    let suppliers: Vec<&str> = p.orders.iter().map(|o| o.supplier.as_str()).collect();
    assert_eq!(suppliers, vec!["ACME", "NPT"]);
    // The same request in another order gives the same plan.
    let mut shuffled = req.clone();
    shuffled.demand.reverse();
    assert_eq!(l.plan(&shuffled).unwrap(), p);
    // And on any number of threads.
    for t in [2, 3, 8] {
        assert_eq!(l.plan(&req.clone().threads(t)).unwrap(), p);
    }
}

#[test]
fn accepting_places_the_orders_atomically() {
    let mut l = ledger();
    let p = run(&l, Policy::JustInTime { review_days: 0 });
    let accepted = vec![AcceptedOrder {
        order: "PO-7".into(),
        suggestion: p.orders[0].clone(),
    }];
    // A batch whose second order reuses the id: nothing is created.
    let before = l.clone();
    let mut twice = accepted.clone();
    twice.push(accepted[0].clone());
    assert_eq!(
        l.accept_plan(twice, Vec::new(), DAY).unwrap_err().kind(),
        ErrorKind::DuplicateId
    );
    assert_eq!(l, before);
    let out = l.accept_plan(accepted, Vec::new(), DAY).unwrap();
    assert_eq!(out.len(), 2);
    let po = l.order("PO-7").unwrap();
    assert_eq!(po.status, crate::purchasing::OrderStatus::Placed);
    assert_eq!(
        (
            po.lines[0].quantity,
            po.lines[0].unit_price,
            po.lines[0].expected
        ),
        (d("24"), d("4.00"), 11 * DAY)
    );
    // With the 24 incoming, the position is 54 ≥ 50: nothing more to order.
    let again = run(&l, Policy::JustInTime { review_days: 0 });
    assert!(again.orders.is_empty());
    assert_eq!(Ledger::from_json(&l.to_json()).unwrap(), l);
}

#[test]
fn bad_requests_are_refused() {
    let l = ledger();
    let base = PlanRequest::new(DAY, mugs());
    let bad = [
        base.clone().horizon_days(0),
        base.clone().horizon_days(MAX_PLAN_DAYS + 1),
        base.clone().overstock_days(f64::NAN),
        base.clone().threads(0),
        base.clone().dead_stock_days(Some(0)),
        base.clone().threads(MAX_PLAN_THREADS + 1),
        base.clone().transfer_days(Some(-1.0)),
        base.clone().budget(d("-1")),
        base.clone()
            .default_policy(PolicySettings::default().service_level(1.0)),
        base.clone()
            .default_policy(PolicySettings::default().holding_rate(0.0)),
        base.clone()
            .default_policy(PolicySettings::default().order_cost(-1.0)),
        base.clone()
            .default_policy(PolicySettings::new(Policy::ReorderPoint {
                quantity: OrderQuantityRule::Fixed(d("0")),
            })),
        base.clone()
            .default_policy(PolicySettings::new(Policy::MinMax {
                min: Some(d("10")),
                max: Some(d("5")),
            })),
        base.clone()
            .default_policy(PolicySettings::new(Policy::OrderUpTo {
                review_days: MAX_PLAN_DAYS + 1,
            })),
        PlanRequest::new(DAY, vec![DemandForecast::flat("MUG", "WH", -1.0, 0.0, 5)]),
        PlanRequest::new(
            DAY,
            vec![DemandForecast::flat("MUG", "WH", 1.0, f64::INFINITY, 5)],
        ),
        PlanRequest::new(DAY, vec![DemandForecast::flat("", "WH", 1.0, 0.0, 5)]),
        PlanRequest::new(DAY, [mugs(), mugs()].concat()),
    ];
    for (i, r) in bad.iter().enumerate() {
        let err = l
            .plan(r)
            .expect_err(&format!("request {i} should be refused"));
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "request {i}: {err}");
    }
}

#[test]
fn transfers_come_before_buying() {
    let mut l = ledger();
    l.post(Movement::receive("MUG", "W2", d("200"), d("3.50"), 0))
        .unwrap();
    let demand = vec![
        DemandForecast::flat("MUG", "WH", 5.0, 2.0, 90),
        DemandForecast::flat("MUG", "W2", 5.0, 2.0, 90),
    ];
    let p = l.plan(&PlanRequest::new(DAY, demand.clone())).unwrap();
    // WH: 30 units run out on day 6, before the 10-day lead time; it needs
    // ⌈60.403 − 30⌉ = 31 to reach its reorder point. W2 holds 200 − 60.403 → 139 spare.
    assert_eq!(p.transfers.len(), 1);
    let t = &p.transfers[0];
    assert_eq!(
        (t.from.as_str(), t.to.as_str(), t.quantity, t.arrives),
        ("W2", "WH", d("31"), 3 * DAY)
    );
    // Then neither needs buying: 61 and 169 are above 60.403.
    assert!(p.orders.is_empty(), "{:?}", p.orders);
    // No transfers when asked for none: WH buys instead.
    let p2 = l
        .plan(&PlanRequest::new(DAY, demand.clone()).transfer_days(None))
        .unwrap();
    assert!(p2.transfers.is_empty());
    assert_eq!(p2.orders[0].lines[0].location, "WH");
    // A transfer slower than the supplier is not suggested.
    let p3 = l
        .plan(&PlanRequest::new(DAY, demand).transfer_days(Some(12.0)))
        .unwrap();
    assert!(p3.transfers.is_empty());
    // Accepting moves the stock.
    l.accept_plan(Vec::new(), p.transfers.clone(), DAY).unwrap();
    let on_hand = |l: &Ledger, loc| l.position("MUG", Some(loc)).unwrap().on_hand;
    assert_eq!((on_hand(&l, "WH"), on_hand(&l, "W2")), (d("61"), d("169")));
}

/// A, B, C at 1.00 from one supplier (lead 10, no pack), 5 a day σ 2 each; stock 0, 30,
/// 45; just-in-time to D(10) = 50: lines of 50, 20 and 5.
fn three_lines() -> (Ledger, PlanRequest) {
    let mut l = Ledger::new();
    let mut s = Supplier::new("S", "S", PaymentTerms::net(30));
    for sku in ["A", "B", "C"] {
        s = s.item(SupplierItem::new(sku, d("1.00"), 10.0));
    }
    l.set_supplier(s, 0).unwrap();
    l.post(Movement::receive("B", "WH", d("30"), d("1"), 0))
        .unwrap();
    l.post(Movement::receive("C", "WH", d("45"), d("1"), 0))
        .unwrap();
    let demand = ["A", "B", "C"]
        .iter()
        .map(|s| DemandForecast::flat(*s, "WH", 5.0, 2.0, 90))
        .collect();
    let req = PlanRequest::new(DAY, demand)
        .default_policy(PolicySettings::new(Policy::JustInTime { review_days: 0 }));
    (l, req)
}

#[test]
fn lines_are_ranked_by_lost_margin_avoided_per_unit_of_money() {
    let (l, req) = three_lines();
    let p = l.plan(&req).unwrap();
    let sigma = 40f64.sqrt();
    // Expected shortage over the lead time: σ·G((position − 50)/σ); margin = price = 1.
    for (sku, pos, value) in [("A", 0.0, 50.0), ("B", 30.0, 20.0), ("C", 45.0, 5.0)] {
        let line = p.orders[0].lines.iter().find(|x| x.sku == sku).unwrap();
        let short = sigma * crate::stats::loss((pos - 50.0) / sigma);
        close(line.expected_shortage, short);
        close(line.priority, short / value);
    }
    // C (5.77 short for 5.00) ranks first, then B (20.0017 for 20), then A (50.0 for 50).
    let p = l.plan(&req.clone().budget(d("30"))).unwrap();
    let kept: Vec<&str> = p.orders[0].lines.iter().map(|x| x.sku.as_str()).collect();
    assert_eq!(kept, vec!["B", "C"]);
    assert_eq!(p.orders[0].total, d("25.00"));
    assert_eq!(p.cut.len(), 1);
    assert_eq!(
        (p.cut[0].line.sku.as_str(), p.cut[0].reason),
        ("A", CutReason::Budget)
    );
    // The largest order of 22: C (5); B would make 25; A 55.
    let p = l.plan(&req.clone().max_order_value(d("22"))).unwrap();
    assert_eq!(p.orders[0].lines.len(), 1);
    let cut: Vec<(&str, CutReason)> = p
        .cut
        .iter()
        .map(|c| (c.line.sku.as_str(), c.reason))
        .collect();
    assert_eq!(
        cut,
        vec![
            ("B", CutReason::MaxOrderValue),
            ("A", CutReason::MaxOrderValue)
        ]
    );
    // A supplier budget of 10: C only.
    let p = l.plan(&req.clone().supplier_budget("S", d("10"))).unwrap();
    assert_eq!(
        p.cut.iter().map(|c| c.reason).collect::<Vec<_>>(),
        vec![CutReason::SupplierBudget; 2]
    );
    // WH holds 75; with room for 100: C (→ 80), B (→ 100), not A (→ 150).
    let p = l.plan(&req.clone().capacity("WH", d("100"))).unwrap();
    assert_eq!(p.cut.len(), 1);
    assert_eq!(
        (p.cut[0].line.sku.as_str(), p.cut[0].reason),
        ("A", CutReason::Capacity)
    );
    // A margin of 10 a unit on A puts it first: 50 × 10 / 50 = 10 per unit of money.
    let p = l.plan(&req.margin("A", d("10")).budget(d("50"))).unwrap();
    let kept: Vec<&str> = p.orders[0].lines.iter().map(|x| x.sku.as_str()).collect();
    assert_eq!(kept, vec!["A"]);
}

#[test]
fn policies_by_abc_xyz_class() {
    use crate::classify::{AbcClass, XyzClass};
    let t = ClassPolicies::default();
    assert_eq!(t.settings(AbcClass::A, XyzClass::X).service_level, 0.98);
    assert_eq!(t.settings(AbcClass::B, XyzClass::Y).service_level, 0.95);
    assert_eq!(
        t.settings(AbcClass::C, XyzClass::X).policy,
        Policy::JustInTime { review_days: 14 }
    );
    assert_eq!(
        t.settings(AbcClass::A, XyzClass::Z).policy,
        Policy::OrderUpTo { review_days: 7 }
    );
    // From a ledger: MUG sold 100 × 3.50 of COGS every week, BOWL 1 unit once.
    let mut l = ledger();
    l.post(Movement::receive("MUG", "WH", d("1000"), d("3.50"), 0))
        .unwrap();
    l.post(Movement::receive("BOWL", "WH", d("10"), d("1"), 0))
        .unwrap();
    for w in 0..8 {
        l.post(Movement::ship("MUG", "WH", d("100"), (w * 7 + 1) * DAY))
            .unwrap();
    }
    l.post(Movement::ship("BOWL", "WH", d("1"), 3 * DAY))
        .unwrap();
    let classes = classes_from_ledger(&l, 0, 56 * DAY).unwrap();
    let mug = classes.iter().find(|c| c.sku == "MUG").unwrap();
    let bowl = classes.iter().find(|c| c.sku == "BOWL").unwrap();
    assert_eq!((mug.abc, mug.xyz), (AbcClass::A, XyzClass::X));
    assert_eq!(bowl.xyz, XyzClass::Z);
    let req = PlanRequest::new(DAY, mugs()).class_policies(&classes, &t);
    let p = l.plan(&req).unwrap();
    assert_eq!(p.items[0].policy, t.a.policy);
    close(
        p.items[0].safety_stock,
        crate::stats::inv_cdf(0.98) * 40f64.sqrt(),
    );
}

#[test]
fn policies_from_their_names() {
    assert_eq!(
        Policy::from_parts("reorder_point", 0, Some(d("12")), None, None).unwrap(),
        Policy::ReorderPoint {
            quantity: OrderQuantityRule::Fixed(d("12"))
        }
    );
    assert_eq!(
        Policy::from_parts("order_up_to", 7, None, None, None).unwrap(),
        Policy::OrderUpTo { review_days: 7 }
    );
    for (name, review, fixed, min) in [
        ("weekly", 0, None, None),
        ("reorder_point", 7, None, None),
        ("min_max", 0, Some(d("1")), None),
        ("order_up_to", 7, None, Some(d("1"))),
    ] {
        assert!(
            Policy::from_parts(name, review, fixed, min, None).is_err(),
            "{name}"
        );
    }
    for p in [
        Policy::ReorderPoint {
            quantity: OrderQuantityRule::Eoq,
        },
        Policy::MinMax {
            min: None,
            max: None,
        },
        Policy::OrderUpTo { review_days: 3 },
        Policy::PeriodicMinMax { review_days: 3 },
        Policy::JustInTime { review_days: 3 },
        Policy::Dropship,
        Policy::Manual,
    ] {
        assert_eq!(
            Policy::from_parts(p.name(), p.review_days(), None, None, None).unwrap(),
            p
        );
    }
}

// ----- simulation -----

fn history(days: &[f64]) -> SimConfig {
    SimConfig {
        start_on_hand: 12.0,
        lead_time_days: 2.0,
        ..SimConfig::new(SimDemand::History(days.to_vec()))
    }
}

/// A policy that never orders here.
const NEVER: SimPolicy = SimPolicy::ReorderPoint { r: -100.0, q: 1.0 };

#[test]
fn lost_sales_and_backorders_by_hand() {
    // 12 on hand, 5 a day, nothing ordered: served 5, 5, 2, 0.
    let mut c = history(&[5.0; 4]);
    c.lost_sales = true;
    let r = simulate(&c, &[NEVER]).unwrap()[0];
    assert_eq!((r.stockout_days, r.orders), (2, 0));
    close(r.fill_rate.unwrap(), 12.0 / 20.0);
    close(r.units_short, 8.0);
    close(r.average_on_hand, (7.0 + 2.0) / 4.0);
    close(r.shortage_cost, 8.0); // 1 per unit lost
    close(r.average_backorders, 0.0);
    // Backordered: 3 then 8 units owed at the ends of days 3 and 4: 11 unit-days.
    c.lost_sales = false;
    let r = simulate(&c, &[NEVER]).unwrap()[0];
    close(r.average_backorders, 11.0 / 4.0);
    close(r.shortage_cost, 11.0);
    close(r.holding_cost, (7.0 + 2.0) * c.holding_cost);
    close(r.total_cost, r.holding_cost + r.shortage_cost);
}

#[test]
fn orders_arrive_after_their_lead_time() {
    // 25 on hand, 10 a day, (r = 20, Q = 30), a 1-day lead time (the day after the review
    // passes before the order arrives): day 0 ends at 15 → order (arrives at the start of
    // day 2); day 1: 5; day 2: 35 − 10 = 25; day 3: 15 → order (day 5); day 4: 5; day 5: 25.
    let mut c = history(&[10.0; 6]);
    c.start_on_hand = 25.0;
    c.lead_time_days = 1.0;
    c.order_cost = 7.0;
    let r = simulate(&c, &[SimPolicy::ReorderPoint { r: 20.0, q: 30.0 }]).unwrap()[0];
    assert_eq!((r.orders, r.stockout_days), (2, 0));
    close(
        r.average_on_hand,
        (15.0 + 5.0 + 25.0 + 15.0 + 5.0 + 25.0) / 6.0,
    );
    close(r.ordering_cost, 14.0);
    assert_eq!(r.fill_rate, Some(1.0));
    // One whole cycle (arrivals on days 2 and 5), without a stockout.
    assert_eq!(r.cycle_service_level, Some(1.0));
    // (s, S) = (20, 50): day 0 ends at 15 → 35 ordered (day 2); day 1: 5; day 2: 40 − 10 =
    // 30; day 3: 20 → 30 ordered (day 5); day 4: 10; day 5: 40 − 10 = 30. With 2 days of
    // lead time the first order comes on day 3, after a day short: day 2 ends with 5 owed.
    let r = simulate(
        &c,
        &[SimPolicy::MinMax {
            s: 20.0,
            big_s: 50.0,
        }],
    )
    .unwrap()[0];
    assert_eq!(r.orders, 2);
    close(
        r.average_on_hand,
        (15.0 + 5.0 + 30.0 + 20.0 + 10.0 + 30.0) / 6.0,
    );
}

/// The second-order loss function G₂(z) = ½[(z² + 1)(1 − Φ(z)) − z·φ(z)], with
/// dG₂/dz = −G(z).
fn g2(z: f64) -> f64 {
    0.5 * ((z * z + 1.0) * crate::stats::sf(z) - z * crate::stats::pdf(z))
}

#[test]
fn r_q_long_run_cost_matches_the_textbook_formula() {
    // Normal demand λ = 20 a day, σ 5 (P(D < 0) = Φ(−4): negligible), lead time 5 days.
    // End-of-day stock is the position after ordering less L + 1 = 6 days of demand
    // (discrete time: the order arrives at the start of day t + L + 1), N(120, 5√6).
    // (r, nQ) keeps the position after ordering uniform on (r, r + Q], so (Zipkin,
    // Foundations of Inventory Management, §6.2; Hadley & Whitin):
    //   E[backorders] B = σ²/Q · [G₂((r − μ)/σ) − G₂((r + Q − μ)/σ)],
    //   E[on hand] = r + Q/2 − μ + B,  orders per day = λ/Q,
    //   cost per day = K·λ/Q + h·E[on hand] + b·B.
    let (lambda, sd, lead, q, r) = (20.0, 5.0, 5.0, 200.0, 120.0);
    let (h, k, b) = (0.1, 50.0, 2.0);
    let (mu, sigma) = (lambda * (lead + 1.0), sd * f64::sqrt(lead + 1.0));
    let backorders = sigma * sigma / q * (g2((r - mu) / sigma) - g2((r + q - mu) / sigma));
    let on_hand = r + q / 2.0 - mu + backorders;
    let exact = k * lambda / q + h * on_hand + b * backorders;
    // 40 independent replications of 20,000 days after a 1,000-day warm-up: the mean's
    // standard error comes from their spread; the simulation must be within 4 of them
    // (a 1-in-15,000 chance of failing were it exact), and the error must be small in
    // absolute terms too (the standard error is about 0.03 % of the cost).
    let costs: Vec<f64> = (0..40u64)
        .map(|seed| {
            let c = SimConfig {
                demand: SimDemand::Normal {
                    mean: lambda,
                    std_dev: sd,
                },
                days: 20_000,
                warmup_days: 1_000,
                start_on_hand: r + q,
                lead_time_days: lead,
                lead_time_std_days: 0.0,
                unit_cost: 1.0,
                holding_cost: h,
                order_cost: k,
                shortage_cost: b,
                lost_sales: false,
                seed: seed + 1,
            };
            simulate(&c, &[SimPolicy::ReorderPoint { r, q }]).unwrap()[0].cost_per_day
        })
        .collect();
    let (mean, sd_rep) = crate::checks::mean_sd(&costs);
    let se = sd_rep / (costs.len() as f64).sqrt();
    eprintln!(
        "simulated {mean:.5} ± {se:.5} per day, formula {exact:.5}, h·B {:.5}",
        h * backorders
    );
    assert!(
        (mean - exact).abs() < 4.0 * se,
        "simulated {mean:.4} ± {se:.4} per day, formula {exact:.4}"
    );
    assert!(
        se < 0.002 * exact,
        "standard error {se} too large to test anything"
    );
    // A wrong model (the common approximation that drops B from the stock on hand) is
    // detectably different: it is off by h·B.
    let approx = exact - h * backorders;
    assert!(
        (mean - approx).abs() > 4.0 * se,
        "the test cannot tell h·B = {}",
        h * backorders
    );
}

#[test]
fn simulations_are_the_same_on_any_thread_count_and_follow_a_plan() {
    let l = ledger();
    let p = run(
        &l,
        Policy::ReorderPoint {
            quantity: OrderQuantityRule::Eoq,
        },
    );
    let from_plan = SimPolicy::from_plan_item(&p.items[0]).unwrap();
    assert_eq!(
        from_plan,
        SimPolicy::ReorderPoint {
            r: p.items[0].reorder_point,
            q: 300.0
        }
    );
    let runs: Vec<(SimConfig, Vec<SimPolicy>)> = (0..9u64)
        .map(|i| {
            let mut c = SimConfig::new(SimDemand::Forecast {
                daily: vec![5.0, 6.0, 4.0],
                std_dev: 2.0,
            });
            c.seed = i;
            c.lead_time_days = 10.0;
            c.lead_time_std_days = 2.0;
            (
                c,
                vec![
                    from_plan,
                    SimPolicy::OrderUpTo {
                        review_days: 7,
                        big_s: 100.0,
                    },
                    SimPolicy::PeriodicMinMax {
                        review_days: 7,
                        s: 60.0,
                        big_s: 200.0,
                    },
                ],
            )
        })
        .collect();
    let one = simulate_many(&runs, 1).unwrap();
    assert_eq!(simulate_many(&runs, 2).unwrap(), one);
    assert_eq!(simulate_many(&runs, 4).unwrap(), one);
    // Each SKU's reports are what simulate gives alone.
    assert_eq!(one[3], simulate(&runs[3].0, &runs[3].1).unwrap());
    // A higher reorder point never serves worse on the same demand and lead times.
    let base = runs[0].0.clone();
    let lo = simulate(&base, &[SimPolicy::ReorderPoint { r: 40.0, q: 100.0 }]).unwrap()[0];
    let hi = simulate(&base, &[SimPolicy::ReorderPoint { r: 80.0, q: 100.0 }]).unwrap()[0];
    assert!(hi.fill_rate.unwrap() >= lo.fill_rate.unwrap());
    assert!(hi.average_on_hand > lo.average_on_hand);
}

#[test]
fn bad_simulations_are_refused() {
    let ok = SimConfig::new(SimDemand::Normal {
        mean: 5.0,
        std_dev: 1.0,
    });
    let p = [SimPolicy::ReorderPoint { r: 10.0, q: 20.0 }];
    let mut bad = Vec::new();
    let mut c = ok.clone();
    c.days = MAX_SIM_DAYS + 1;
    bad.push(c);
    let mut c = ok.clone();
    c.holding_cost = f64::NAN;
    bad.push(c);
    let mut c = ok.clone();
    c.warmup_days = 400;
    c.days = 0;
    bad.push(c);
    bad.push(SimConfig::new(SimDemand::History(vec![1.0, -1.0])));
    for c in &bad {
        assert_eq!(simulate(c, &p).unwrap_err().kind(), ErrorKind::InvalidInput);
    }
    for p in [
        SimPolicy::ReorderPoint { r: 1.0, q: 0.0 },
        SimPolicy::ReorderPoint {
            r: 1e300,
            q: 1e-300,
        },
        SimPolicy::MinMax {
            s: 0.0,
            big_s: 1e13,
        },
        SimPolicy::MinMax { s: 5.0, big_s: 4.0 },
        SimPolicy::OrderUpTo {
            review_days: 0,
            big_s: 4.0,
        },
    ] {
        assert!(simulate(&ok, &[p]).is_err());
    }
    assert!(simulate_many(&[], 0).is_err());
    // The failing SKU is named.
    let runs = vec![(ok.clone(), p.to_vec()), (bad[1].clone(), p.to_vec())];
    match simulate_many(&runs, 2).unwrap_err() {
        crate::Error::Batch { index, source } => {
            assert_eq!((index, source.kind()), (1, ErrorKind::InvalidInput))
        }
        e => panic!("{e}"),
    }
    assert!(simulate_many(&[], MAX_SIM_THREADS + 1).is_err());
}

#[test]
fn measured_lead_times_replace_the_quote() {
    // Five orders placed on day 0 and received after 8, 9, 10, 11 and 12 days: mean 10,
    // sample deviation √2.5 = 1.5811.
    let mut l = ledger();
    for (i, days) in [8, 9, 10, 11, 12].into_iter().enumerate() {
        let id = format!("PO-{i}");
        l.create_order(
            &id,
            "ACME",
            vec![NewLine::new(1, "MUG", "WH", d("12"), 10 * DAY)],
            0,
        )
        .unwrap();
        l.place_order(&id, 0).unwrap();
        l.receive_order(
            &id,
            format!("R-{i}"),
            vec![crate::purchasing::ReceiptLine::new(1, d("12"))],
            days * DAY,
        )
        .unwrap();
    }
    let p = l.plan(&PlanRequest::new(20 * DAY, mugs())).unwrap();
    let it = &p.items[0];
    assert_eq!(
        it.lead_time_source,
        Some(crate::purchasing::LeadTimeSource::Measured)
    );
    close(it.lead_time_days, 10.0);
    close(it.lead_time_std_days, 2.5f64.sqrt());
    let e = l.lead_time("ACME", "MUG").unwrap();
    assert_eq!(
        (e.mean_days, e.std_days),
        (it.lead_time_days, it.lead_time_std_days)
    );
    // σ(L) = √(10·4 + 25·2.5) = √102.5.
    close(it.protection_std, 102.5f64.sqrt());
}

#[test]
fn the_preferred_supplier_is_bought_from() {
    let mut l = ledger(); // ACME sells MUG, not preferred
    let p = run(&l, Policy::JustInTime { review_days: 0 });
    assert_eq!(p.items[0].supplier.as_deref(), Some("ACME"));
    let npt = Supplier::new("NPT", "Newport", PaymentTerms::net(30))
        .item(SupplierItem::new("MUG", d("4.50"), 4.0).preferred(true));
    l.set_supplier(npt, 0).unwrap();
    let p = run(&l, Policy::JustInTime { review_days: 0 });
    assert_eq!(p.items[0].supplier.as_deref(), Some("NPT"));
    assert_eq!(
        p.items[0].supplier.as_deref(),
        Some(l.suppliers_of("MUG")[0].0.id.as_str())
    );
    // D(4) = 20 < 30 on hand: nothing to buy with the quicker supplier.
    assert!(p.orders.is_empty());
}

#[test]
fn an_eoq_tie_rounds_down_whatever_the_floating_noise() {
    // D = 7.8 × 365 = 2847, K = 25, h = 0.25 × 1.46: q* = √390,000 = 624.4998, and 624 and
    // 625 cost exactly the same (624 × 625 = 390,000): the smaller wins. The forecast's mean
    // day (182 days summed and divided) is 7.8 give or take 1e-14.
    let mut l = Ledger::new();
    l.set_supplier(
        Supplier::new("S", "S", PaymentTerms::net(30)).item(SupplierItem::new(
            "A",
            d("1.46"),
            10.0,
        )),
        0,
    )
    .unwrap();
    let p = l
        .plan(&PlanRequest::new(
            DAY,
            vec![DemandForecast::flat("A", "W", 7.8, 1.0, 182)],
        ))
        .unwrap();
    assert_eq!(p.items[0].order_quantity, Some(d("624")));
}

#[test]
fn dead_and_slow_stock_alerts() {
    // From day 0 to day 100: MUG (30 on hand) sold 1 unit on day 95; BOWL (10) nothing; CUP
    // (60) sold 30 on day 50 (too early for a 30-day look-back).
    let mut l = ledger();
    for (sku, q) in [("BOWL", "10"), ("CUP", "60")] {
        l.post(Movement::receive(sku, "WH", d(q), d("1"), 0))
            .unwrap();
    }
    l.post(Movement::ship("CUP", "WH", d("30"), 50 * DAY))
        .unwrap();
    l.post(Movement::ship("MUG", "WH", d("1"), 95 * DAY))
        .unwrap();
    let req = PlanRequest::new(100 * DAY, mugs()).dead_stock_days(Some(30));
    let p = l.plan(&req).unwrap();
    let of = |k: AlertKind| -> Vec<&str> {
        p.alerts
            .iter()
            .filter(|a| a.kind == k)
            .map(|a| a.sku.as_str())
            .collect()
    };
    // BOWL and CUP: no sale in the 30 days; most valuable first in metrics, by SKU here.
    assert_eq!(of(AlertKind::DeadStock), vec!["BOWL", "CUP"]);
    // MUG: 1 unit in 30 days, 29 on hand: 870 days of supply > 180.
    assert_eq!(of(AlertKind::SlowStock), vec!["MUG"]);
    let slow = p
        .alerts
        .iter()
        .find(|a| a.kind == AlertKind::SlowStock)
        .unwrap();
    assert!(
        slow.message.contains("870 days of supply"),
        "{}",
        slow.message
    );
    assert_eq!(slow.location, "");
    // Off: none.
    let p = l.plan(&req.dead_stock_days(None)).unwrap();
    assert!(p
        .alerts
        .iter()
        .all(|a| !matches!(a.kind, AlertKind::DeadStock | AlertKind::SlowStock)));
}

#[test]
fn a_planned_order_up_to_level_achieves_its_service_level() {
    // N(20, 5) a day, L = 5, R = 7: S = D(12) + z·σ(12) at α = 0.9. Each cycle (from one
    // arrival to the next, R days) runs out iff the L + R days of demand since the order
    // exceed S: probability 0.1. 70,000 days give 10,000 cycles: the standard error of the
    // achieved level is √(0.09 / 10,000) = 0.003; allow 5 of them.
    let z = crate::stats::inv_cdf(0.9);
    let big_s = 20.0 * 12.0 + z * 5.0 * 12f64.sqrt();
    let c = SimConfig {
        demand: SimDemand::Normal {
            mean: 20.0,
            std_dev: 5.0,
        },
        days: 70_000,
        warmup_days: 100,
        start_on_hand: big_s,
        lead_time_days: 5.0,
        lead_time_std_days: 0.0,
        seed: 9,
        ..SimConfig::new(SimDemand::History(vec![]))
    };
    let r = simulate(
        &c,
        &[SimPolicy::OrderUpTo {
            review_days: 7,
            big_s,
        }],
    )
    .unwrap()[0];
    let achieved = r.cycle_service_level.unwrap();
    assert!((achieved - 0.9).abs() < 0.015, "achieved {achieved}");
    // (r, Q) with r = D(L) + z·σ(L) achieves less when reviewed once a day: the position
    // has fallen below r by the time it is looked at (the undershoot, about half a day's
    // demand here), a known effect of reviewing a continuous policy periodically.
    let r_level = 20.0 * 5.0 + z * 5.0 * 5f64.sqrt();
    let rep = simulate(
        &c,
        &[SimPolicy::ReorderPoint {
            r: r_level,
            q: 200.0,
        }],
    )
    .unwrap()[0];
    assert!(rep.cycle_service_level.unwrap() < 0.85);
}

// Regression tests for defects a review found (each failed before its fix).

#[test]
fn rounding_to_packs_keeps_the_price_break_when_it_pays() {
    // Breaks 0 → 4.00, 100 → 3.00, packs of 12, 0.2 a day (D = 73 a year), K 25, 25 %:
    // the EOQ is the 100-unit break at 3.00. Packs around it: 96 at 4.00 costs
    // 292 + 19.01 + 48 = 359.01 a year, 108 at 3.00 costs 219 + 16.90 + 40.50 = 276.40.
    let mut l = Ledger::new();
    let acme = Supplier::new("ACME", "Acme", PaymentTerms::net(30)).item(
        SupplierItem::new("MUG", d("4.00"), 10.0)
            .pack_size(d("12"))
            .prices(
                DiscountKind::AllUnits,
                vec![
                    PriceBreak::new(d("0"), d("4.00")),
                    PriceBreak::new(d("100"), d("3.00")),
                ],
            ),
    );
    l.set_supplier(acme, 0).unwrap();
    let p = l
        .plan(&PlanRequest::new(
            DAY,
            vec![DemandForecast::flat("MUG", "WH", 0.2, 0.5, 90)],
        ))
        .unwrap();
    assert_eq!(p.items[0].order_quantity, Some(d("108")));
    assert_eq!(p.orders[0].lines[0].unit_price, d("3.00"));
}

#[test]
fn levels_beyond_what_can_be_ordered_are_refused_not_zeroed() {
    let mut l = Ledger::new();
    l.set_supplier(
        Supplier::new("ACME", "Acme", PaymentTerms::net(30)).item(SupplierItem::new(
            "MUG",
            d("4.00"),
            10.0,
        )),
        0,
    )
    .unwrap();
    let huge_q = PolicySettings::new(Policy::ReorderPoint {
        quantity: OrderQuantityRule::Fixed(d("10000000000000000000000000000")),
    });
    for req in [
        // A fixed Q of 10^28 for 7.5 × 10^27 a day (used to panic multiplying decimals).
        PlanRequest::new(
            DAY,
            vec![DemandForecast::flat("MUG", "WH", 7.5e27, 0.0, 90)],
        )
        .default_policy(huge_q),
        // An infinite reorder point (used to suggest a line of 0 units).
        PlanRequest::new(DAY, vec![DemandForecast::flat("MUG", "WH", 5.0, 1e300, 90)]),
        // An order-up-to level of 1.7 × 10^30 (used to wrap to 0 units).
        PlanRequest::new(DAY, vec![DemandForecast::flat("MUG", "WH", 1e29, 0.0, 90)])
            .default_policy(PolicySettings::new(Policy::OrderUpTo { review_days: 7 })),
    ] {
        let err = l.plan(&req).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    }
}

#[test]
fn capacity_counts_the_plans_own_transfers() {
    // WH holds 100, SHOP nothing; SHOP takes stock by transfer and buys the rest: with a
    // capacity equal to what it bought without one, the transfer leaves no room for it.
    let mut l = Ledger::new();
    l.post(Movement::receive("MUG", "WH", d("100"), d("3.50"), 0))
        .unwrap();
    l.set_supplier(
        Supplier::new("ACME", "Acme", PaymentTerms::net(30))
            .item(SupplierItem::new("MUG", d("4.00"), 10.0).pack_size(d("12"))),
        0,
    )
    .unwrap();
    let demand = vec![
        DemandForecast::flat("MUG", "WH", 5.0, 2.0, 90),
        DemandForecast::flat("MUG", "SHOP", 5.0, 2.0, 90),
    ];
    let free = l.plan(&PlanRequest::new(DAY, demand.clone())).unwrap();
    let at_shop = |p: &Plan| -> (Decimal, Decimal) {
        let moved = p
            .transfers
            .iter()
            .filter(|t| t.to == "SHOP")
            .map(|t| t.quantity)
            .sum();
        let bought = p
            .orders
            .iter()
            .flat_map(|o| &o.lines)
            .filter(|x| x.location == "SHOP")
            .map(|x| x.quantity)
            .sum();
        (moved, bought)
    };
    let (moved, bought) = at_shop(&free);
    assert!(moved > Decimal::ZERO && bought > Decimal::ZERO);
    let p = l
        .plan(&PlanRequest::new(DAY, demand).capacity("SHOP", bought))
        .unwrap();
    let (moved, bought_now) = at_shop(&p);
    assert!(
        moved + bought_now <= bought,
        "{moved} + {bought_now} > {bought}"
    );
    assert!(p.cut.iter().any(|c| c.reason == CutReason::Capacity));
}

#[test]
fn a_zero_reorder_point_still_refills_backorders() {
    let mut l = Ledger::with_config(crate::LedgerConfig::new().allow_negative(true)).unwrap();
    l.post(Movement::ship("MUG", "WH", d("5"), 0)).unwrap();
    l.set_supplier(
        Supplier::new("ACME", "Acme", PaymentTerms::net(30)).item(SupplierItem::new(
            "MUG",
            d("4.00"),
            10.0,
        )),
        0,
    )
    .unwrap();
    let fixed = |q| {
        PolicySettings::new(Policy::ReorderPoint {
            quantity: OrderQuantityRule::Fixed(d(q)),
        })
    };
    let no_demand = vec![DemandForecast::flat("MUG", "WH", 0.0, 0.0, 90)];
    let p = l
        .plan(&PlanRequest::new(DAY, no_demand.clone()).default_policy(fixed("10")))
        .unwrap();
    // Position −5 ≤ s = 0: one Q of 10.
    assert_eq!(only_line(&p).quantity, d("10"));
    // Nothing owed and no demand: nothing to buy.
    let mut l2 = ledger();
    l2.post(Movement::ship("MUG", "WH", d("30"), DAY)).unwrap();
    let p = l2
        .plan(&PlanRequest::new(2 * DAY, no_demand).default_policy(fixed("10")))
        .unwrap();
    assert!(p.orders.is_empty());
}

#[test]
fn huge_lead_time_deviations_are_refused_or_harmless() {
    let mut c = SimConfig::new(SimDemand::Normal {
        mean: 5.0,
        std_dev: 1.0,
    });
    c.lead_time_std_days = 1e300;
    assert!(simulate(&c, &[SimPolicy::ReorderPoint { r: 50.0, q: 10.0 }]).is_err());
    // At the limit, draws beyond the run are clamped: orders simply never arrive.
    c.lead_time_std_days = MAX_SIM_DAYS as f64;
    let r = simulate(&c, &[SimPolicy::ReorderPoint { r: 50.0, q: 10.0 }]).unwrap()[0];
    assert!(r.average_on_hand.is_finite() && r.total_cost.is_finite());
}

/// TEA at EAST (30 shipped, 6 returned on day 20 → 24 net), WEST (8 shipped on day 25),
/// NORTH (stock, no sale); 50 more shipped at EAST on day 1 (before a 28-day look-back from
/// day 30, which starts at the start of day 2) and 9 at WEST at the start of day 30 (not
/// before the as-of time).
fn tea() -> Ledger {
    let mut l = Ledger::new();
    for wh in ["EAST", "NORTH", "WEST"] {
        l.post(Movement::receive("TEA", wh, d("100"), d("2.00"), DAY))
            .unwrap();
    }
    l.post(Movement::ship("TEA", "EAST", d("50"), DAY + 10))
        .unwrap();
    l.post(Movement::ship("TEA", "EAST", d("30"), 10 * DAY))
        .unwrap();
    l.post(Movement::customer_return("TEA", "EAST", d("6"), 20 * DAY))
        .unwrap();
    l.post(Movement::ship("TEA", "WEST", d("8"), 25 * DAY))
        .unwrap();
    l.post(Movement::ship("TEA", "WEST", d("9"), 30 * DAY))
        .unwrap();
    l
}

#[test]
fn a_pooled_forecast_is_split_by_each_locations_recent_share() {
    let l = tea();
    let pooled = PooledForecast::new("TEA", vec![8.0, 4.0], 4.0);
    let split = l.split_forecast(&[pooled], 30 * DAY, 28, &[]).unwrap();
    // Shares 24 : 0 : 8 of 32 → 0.75, 0, 0.25 (by location name); mean day μ = 6.
    let names: Vec<&str> = split.iter().map(|f| f.location.as_str()).collect();
    assert_eq!(names, ["EAST", "NORTH", "WEST"]);
    assert_eq!(split[0].daily, [6.0, 3.0]);
    assert_eq!(split[1].daily, [0.0, 0.0]);
    assert_eq!(split[2].daily, [2.0, 1.0]);
    // σ² = w²·16 + w(1 − w)·6: EAST 9 + 1.125, NORTH 0, WEST 1 + 1.125.
    close(split[0].daily_std, 10.125f64.sqrt());
    close(split[1].daily_std, 0.0);
    close(split[2].daily_std, 2.125f64.sqrt());
    // The split keeps the pooled mean day by day.
    for t in 0..2 {
        close(split.iter().map(|f| f.daily[t]).sum::<f64>(), [8.0, 4.0][t]);
    }
    // A look-back of 29 days counts day 1's 50 units: EAST 74, WEST 8 of 82.
    let split = l
        .split_forecast(
            &[PooledForecast::new("TEA", vec![82.0], 0.0)],
            30 * DAY,
            29,
            &[],
        )
        .unwrap();
    close(split[0].daily[0], 74.0);
    close(split[2].daily[0], 8.0);
}

#[test]
fn a_poisson_pooled_demand_splits_into_poisson_locations() {
    // Pooled Poisson demand (σ² = μ) thinned with probability w is Poisson(w·μ): the
    // split's variance w²·μ + w(1 − w)·μ must be w·μ.
    let l = tea();
    let mu = 7.3;
    let split = l
        .split_forecast(
            &[PooledForecast::new("TEA", vec![mu], mu.sqrt())],
            30 * DAY,
            28,
            &[],
        )
        .unwrap();
    for (f, w) in split.iter().zip([0.75, 0.0, 0.25]) {
        close(f.daily_std * f.daily_std, w * mu);
    }
}

#[test]
fn given_locations_unknown_skus_and_no_history() {
    let l = tea();
    // Given locations, one the ledger never saw: it gets no share.
    let locs = vec!["WEST".to_owned(), "SOUTH".to_owned()];
    let split = l
        .split_forecast(
            &[PooledForecast::new("TEA", vec![4.0], 0.0)],
            30 * DAY,
            28,
            &locs,
        )
        .unwrap();
    let got: Vec<(&str, f64)> = split
        .iter()
        .map(|f| (f.location.as_str(), f.daily[0]))
        .collect();
    assert_eq!(got, [("WEST", 4.0), ("SOUTH", 0.0)]);
    // No demand in the look-back: equal shares (days 60-90 have no sale).
    let split = l
        .split_forecast(
            &[PooledForecast::new("TEA", vec![9.0], 3.0)],
            90 * DAY,
            30,
            &[],
        )
        .unwrap();
    assert!(split.iter().all(|f| f.daily[0] == 3.0), "{split:?}");
    // A SKU the ledger never saw: with locations, equal shares; without, nothing to go by.
    let pooled = [PooledForecast::new("NEW", vec![2.0], 1.0)];
    let split = l.split_forecast(&pooled, 30 * DAY, 28, &locs).unwrap();
    assert_eq!(split.len(), 2);
    assert!(split.iter().all(|f| f.daily[0] == 1.0));
    let err = l.split_forecast(&pooled, 30 * DAY, 28, &[]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownSku);
    // Bad input.
    for (pooled, days, locs) in [
        (PooledForecast::new("TEA", vec![-1.0], 0.0), 28, vec![]),
        (PooledForecast::new("TEA", vec![f64::NAN], 0.0), 28, vec![]),
        (
            PooledForecast::new("TEA", vec![1.0], f64::INFINITY),
            28,
            vec![],
        ),
        (PooledForecast::new("", vec![1.0], 0.0), 28, vec![]),
        (PooledForecast::new("TEA", vec![1.0; 4000], 0.0), 28, vec![]),
        (PooledForecast::new("TEA", vec![1.0], 0.0), 0, vec![]),
        (
            PooledForecast::new("TEA", vec![1.0], 0.0),
            28,
            vec!["A".to_owned(), "A".to_owned()],
        ),
        (
            PooledForecast::new("TEA", vec![1.0], 0.0),
            28,
            vec![String::new()],
        ),
    ] {
        let err = l
            .split_forecast(&[pooled], 30 * DAY, days, &locs)
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    }
}

#[test]
fn a_plan_from_pooled_forecasts_is_the_plan_of_their_split() {
    let mut l = tea();
    let acme = Supplier::new("ACME", "Acme", PaymentTerms::net(30)).item(SupplierItem::new(
        "TEA",
        d("2.00"),
        10.0,
    ));
    l.set_supplier(acme, 0).unwrap();
    let pooled = vec![PooledForecast::new("TEA", vec![12.0; 60], 5.0)];
    let split = l.split_forecast(&pooled, 30 * DAY, 28, &[]).unwrap();
    let by_split = l.plan(&PlanRequest::new(30 * DAY, split)).unwrap();
    let request = PlanRequest::new(30 * DAY, Vec::new()).pooled(pooled.clone(), 28);
    let by_pool = l.plan(&request).unwrap();
    assert_eq!(by_pool, by_split);
    assert_eq!(by_pool.items.len(), 3);
    // A pair forecast both ways is two forecasts for it.
    let twice = PlanRequest::new(
        30 * DAY,
        vec![DemandForecast::flat("TEA", "EAST", 1.0, 0.0, 5)],
    )
    .pooled(pooled, 28);
    assert_eq!(l.plan(&twice).unwrap_err().kind(), ErrorKind::InvalidInput);
}

#[test]
fn kit_forecasts_are_exploded_into_component_demand() {
    use crate::kits::{Component, KitDefinition, KitKind};
    // MUG (30 at WH) is also in GIFT (virtual: 1 MUG + 2 SPOON) and in SET (assembled:
    // 2 MUG), itself in BOX (virtual: 1 SET + 1 SPOON).
    let mut l = ledger();
    l.post(Movement::receive("SPOON", "WH", d("10"), d("0.50"), 0))
        .unwrap();
    let k = |kit: &str, kind, comps: Vec<(&str, i64)>| {
        let comps = comps
            .into_iter()
            .map(|(s, q)| Component::new(s, Decimal::from(q)))
            .collect();
        KitDefinition::new(kit, kind, comps, 0)
    };
    l.define_kit(
        k("GIFT", KitKind::Virtual, vec![("MUG", 1), ("SPOON", 2)]),
        None,
    )
    .unwrap();
    l.define_kit(k("SET", KitKind::Assembled, vec![("MUG", 2)]), None)
        .unwrap();
    l.define_kit(
        k("BOX", KitKind::Virtual, vec![("SET", 1), ("SPOON", 1)]),
        None,
    )
    .unwrap();
    // MUG's own forecast 5 a day (σ 2); gifts 1 a day (σ 1) for 30 days, then 3; boxes
    // 0.5 a day (σ 0.5). MUG: 5 + 1 + 2 × 0.5 = 7 a day, σ² = 4 + 1 + (2 × 0.5)² = 6.
    // SPOON (no own forecast): 2 × 1 + 0.5 = 2.5 a day, σ² = 4 + 0.25.
    let mut gift = DemandForecast::flat("GIFT", "WH", 1.0, 1.0, 30);
    gift.daily.push(3.0);
    let kits = vec![gift, DemandForecast::flat("BOX", "WH", 0.5, 0.5, 30)];
    let request = PlanRequest::new(DAY, mugs()).kit_demand(kits.clone());
    let plan = l.plan(&request).unwrap();
    let item = |sku: &str| plan.items.iter().find(|i| i.sku == sku).unwrap().clone();
    assert_eq!(
        plan.items.len(),
        2,
        "MUG and SPOON are planned, not the kits"
    );
    // The same as giving the exploded forecasts by hand.
    let mut mug = DemandForecast::flat("MUG", "WH", 7.0, 6f64.sqrt(), 31);
    mug.daily[30] = 5.0 + 3.0 + 1.0;
    let mut spoon = DemandForecast::flat("SPOON", "WH", 2.5, 4.25f64.sqrt(), 31);
    spoon.daily[30] = 6.0 + 0.5;
    let by_hand = l.plan(&PlanRequest::new(DAY, vec![mug, spoon])).unwrap();
    for (got, want) in [
        (item("MUG"), &by_hand.items[0]),
        (item("SPOON"), &by_hand.items[1]),
    ] {
        assert_eq!(got.sku, want.sku);
        assert_eq!(got.projected, want.projected);
        assert_eq!(got.protection_demand, want.protection_demand);
        assert_eq!(got.order_quantity, want.order_quantity);
        close(got.protection_std, want.protection_std);
        close(got.reorder_point, want.reorder_point);
    }
    // MUG over the 10-day lead time: 70 units, σ √(10 × 6).
    close(item("MUG").protection_demand, 70.0);
    close(item("MUG").protection_std, 60f64.sqrt());
    // A kit that is not one, or a bad day, is refused.
    let bad = PlanRequest::new(DAY, mugs())
        .kit_demand(vec![DemandForecast::flat("MUG", "WH", 1.0, 0.0, 5)]);
    assert_eq!(l.plan(&bad).unwrap_err().kind(), ErrorKind::UnknownSku);
    let bad = PlanRequest::new(DAY, mugs()).kit_demand(vec![DemandForecast::flat(
        "GIFT",
        "WH",
        f64::NAN,
        0.0,
        5,
    )]);
    assert_eq!(l.plan(&bad).unwrap_err().kind(), ErrorKind::InvalidInput);
    // Two forecasts for one kit at one location, or one without a location: refused.
    let twice = PlanRequest::new(DAY, mugs()).kit_demand(vec![
        DemandForecast::flat("GIFT", "WH", 1.0, 0.0, 5),
        DemandForecast::flat("GIFT", "WH", 2.0, 0.0, 5),
    ]);
    assert_eq!(l.plan(&twice).unwrap_err().kind(), ErrorKind::InvalidInput);
    let nowhere = PlanRequest::new(DAY, mugs())
        .kit_demand(vec![DemandForecast::flat("GIFT", "", 1.0, 0.0, 5)]);
    assert_eq!(
        l.plan(&nowhere).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
}
