//! Properties of the planning run: suggested quantities respect the supplier's pack size
//! and MOQ and reach the policy's level; accepting a plan and planning again with the same
//! forecast suggests nothing more; a plan does not change the ledger.

use inventory_core::purchasing::{PaymentTerms, Supplier, SupplierItem};
use inventory_core::replenish::{
    AcceptedOrder, DemandForecast, OrderQuantityRule, PlanRequest, Policy, PolicySettings,
};
use inventory_core::{Decimal, Ledger, LedgerConfig, Movement};
use proptest::prelude::*;

const DAY: i64 = 86_400;

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        Just(Policy::ReorderPoint {
            quantity: OrderQuantityRule::Eoq
        }),
        (1u32..50).prop_map(|q| Policy::ReorderPoint {
            quantity: OrderQuantityRule::Fixed(Decimal::from(q))
        }),
        Just(Policy::MinMax {
            min: None,
            max: None
        }),
        (0u32..15).prop_map(|r| Policy::OrderUpTo { review_days: r }),
        (0u32..15).prop_map(|r| Policy::PeriodicMinMax { review_days: r }),
        (0u32..15).prop_map(|r| Policy::JustInTime { review_days: r }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn suggestions_respect_packs_reach_the_level_and_are_not_repeated(
        stock in -20i64..200,
        daily in proptest::collection::vec(0.0f64..20.0, 1..60),
        sd in 0.0f64..10.0,
        lead in 0.0f64..30.0,
        lead_sd in 0.0f64..5.0,
        pack in 1u32..13,
        moq in 0u32..40,
        alpha in 0.5f64..0.995,
        policy in policy(),
    ) {
        let mut l = Ledger::with_config(LedgerConfig::new().allow_negative(true)).unwrap();
        if stock > 0 {
            l.post(Movement::receive("A", "W", Decimal::from(stock), Decimal::ONE, 0)).unwrap();
        } else if stock < 0 {
            l.post(Movement::ship("A", "W", Decimal::from(-stock), 0)).unwrap();
        }
        let item = SupplierItem::new("A", Decimal::from(3), lead)
            .lead_time_std(lead_sd)
            .pack_size(Decimal::from(pack))
            .min_order_quantity(Decimal::from(moq));
        l.set_supplier(Supplier::new("S", "S", PaymentTerms::net(30)).item(item), 0).unwrap();
        let req = PlanRequest::new(DAY, vec![DemandForecast {
            sku: "A".into(),
            location: "W".into(),
            daily,
            daily_std: sd,
        }])
        .horizon_days(90)
        .default_policy(PolicySettings::new(policy).service_level(alpha));
        let before = l.clone();
        let plan = l.plan(&req).unwrap();
        prop_assert!(l == before);
        let item = &plan.items[0];
        for o in &plan.orders {
            for line in &o.lines {
                prop_assert!(line.quantity > Decimal::ZERO);
                prop_assert_eq!(line.quantity % Decimal::from(pack), Decimal::ZERO);
                prop_assert!(line.quantity >= Decimal::from(moq));
                let after: f64 = (item.position + line.quantity).try_into().unwrap();
                // The position ends above the reorder point (or at least at the level
                // ordered up to).
                let level = item.order_up_to.unwrap_or(item.reorder_point);
                if matches!(policy, Policy::ReorderPoint { .. }) {
                    prop_assert!(after > item.reorder_point - 1e-9);
                } else {
                    prop_assert!(after >= level - 1e-6, "{after} < {level}");
                }
            }
        }
        let accepted: Vec<AcceptedOrder> = plan
            .orders
            .iter()
            .enumerate()
            .map(|(i, o)| AcceptedOrder { order: format!("PO-{i}"), suggestion: o.clone() })
            .collect();
        l.accept_plan(accepted, plan.transfers.clone(), DAY).unwrap();
        let again = l.plan(&req).unwrap();
        prop_assert!(again.orders.is_empty(), "{:?}", again.orders);
    }
}
