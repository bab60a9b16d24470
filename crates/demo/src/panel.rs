//! The expert panels of the two demo batches (fictional people; the
//! affiliations are real kinds of institutions a municipal bureau draws on).

use paneldesk_core::batch::{PanelMember, Role};

fn panel(prefix: &str, members: [(&str, &str, &str); 5]) -> Vec<PanelMember> {
    members
        .iter()
        .enumerate()
        .map(|(i, (name, title, affiliation))| PanelMember {
            expert_id: format!("{prefix}-{:02}", i + 1),
            name: name.to_string(),
            title: title.to_string(),
            affiliation: affiliation.to_string(),
            // The first listed expert chairs the panel.
            role: if i == 0 { Role::Chair } else { Role::Member },
            certificate_sha256: None,
        })
        .collect()
}

pub fn establishment() -> Vec<PanelMember> {
    panel(
        "LCEXP-2026E",
        [
            ("高立伟", "研究员", "山东省科学院新材料研究所"),
            ("宋雅琴", "教授", "山东大学机械工程学院"),
            ("马振宇", "正高级工程师", "山东省机械设计研究院"),
            ("许文博", "教授", "青岛科技大学化工学院"),
            ("韩春燕", "研究员", "山东省农业科学院农产品加工与营养研究所"),
        ],
    )
}

pub fn acceptance() -> Vec<PanelMember> {
    panel(
        "LCEXP-2026A",
        [
            ("唐国华", "研究员", "山东省科技发展战略研究所"),
            ("邵明远", "教授", "山东理工大学机械工程学院"),
            ("曹丽娟", "研究员", "山东省科学院能源研究所"),
            ("彭志刚", "正高级工程师", "山东省产品质量检验研究院"),
            ("吕婧", "教授", "齐鲁工业大学经济与管理学部"),
        ],
    )
}
