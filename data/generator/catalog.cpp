#include "catalog.hpp"

namespace gen {

const char* code_of(Cat c) {
  switch (c) {
    case Cat::emergency_aid:
      return "emergency_aid";
    case Cat::rescue_assist:
      return "rescue_assist";
    case Cat::traffic_persuasion:
      return "traffic_persuasion";
    case Cat::legal_consultation:
      return "legal_consultation";
    case Cat::psychological_support:
      return "psychological_support";
    case Cat::learning_exchange:
      return "learning_exchange";
    case Cat::convenience_service:
      return "convenience_service";
    case Cat::training:
      return "training";
    case Cat::other:
      return "other";
  }
  return "other";
}

namespace {
template <class T, std::size_t N>
List<T> list(const T (&a)[N]) {
  return {a, N};
}

using C = Cat;
constexpr Theme kThemes[] = {
    // March – June: the demo season.
    {3, 4, 1, C::other, 1, 1, "I城志愿服务站启用暨志愿者招募",
     "原核酸检测亭改造为志愿服务站，开站仪式与现场招募志愿者"},
    {3, 5, 27, C::convenience_service, 1, 0.3, "学雷锋志愿服务月·便民服务进广场",
     "学雷锋月：义务理发、小家电维修、便民指引"},
    {3, 8, 1, C::legal_consultation, 1, 1, "三八妇女节·女性权益法律咨询",
     "婚姻家庭、劳动权益等法律问题现场解答"},
    {3, 12, 1, C::traffic_persuasion, 2, 1, "植树节·绿色出行文明劝导",
     "倡导步行、骑行和公共交通出行"},
    {3, 13, 12, C::traffic_persuasion, 0, 0.4, "地铁口早高峰文明乘车引导",
     "华南城地铁站出入口早高峰排队、让行引导"},
    {3, 15, 1, C::legal_consultation, 1, 1, "3·15消费者权益保护法律咨询",
     "网购退货、预付卡、商品质量等消费纠纷咨询"},
    {3, 18, 30, C::learning_exchange, 1, 0.5, "春季青少年周末学习交流",
     "大学生志愿者陪伴辅导中小学生功课、分享学习方法"},
    {3, 21, 1, C::psychological_support, 1, 1, "世界睡眠日·睡眠健康心理讲座",
     "睡眠与情绪，简易放松训练"},
    {3, 25, 1, C::emergency_aid, 1, 1, "急救技能进社区·心肺复苏体验",
     "模拟人心肺复苏与AED体验，面向街坊和商户"},
    {3, 27, 1, C::learning_exchange, 2, 1, "全国中小学生安全教育日·应急知识小课堂",
     "放学后为中小学生讲解防溺水、防拐骗、用电安全"},
    {4, 1, 5, C::traffic_persuasion, 2, 0.8, "清明文明祭扫·出行安全劝导",
     "清明假期出行高峰，路口劝导与文明祭扫宣传"},
    {4, 7, 1, C::convenience_service, 1, 1, "世界卫生日·健康咨询与血压测量",
     "免费测量血压、健康生活方式宣传"},
    {4, 10, 21, C::traffic_persuasion, 2, 0.35, "\"一盔一带\"安全守护行动",
     "劝导电动自行车骑行者佩戴头盔，汽车驾乘人员系好安全带"},
    {4, 12, 1, C::psychological_support, 1, 1, "春季情绪调适心理沙龙",
     "春季情绪波动、压力管理小组分享"},
    {4, 15, 1, C::learning_exchange, 1, 1, "全民国家安全教育日·反诈宣传学习交流",
     "国家安全知识、防范电信网络诈骗, 现场问答"},
    {4, 23, 1, C::learning_exchange, 1, 1, "世界读书日·共读分享会", "图书漂流与共读分享"},
    {4, 24, 5, C::legal_consultation, 1, 0.6, "劳动者权益法律援助咨询周",
     "欠薪、工伤、劳动合同等问题的法律援助咨询"},
    {4, 29, 5, C::convenience_service, 1, 0.8, "五一假期便民服务",
     "假期客流高峰，饮用水、充电、问路指引"},
    {4, 29, 5, C::traffic_persuasion, 2, 0.8, "五一假期出行交通劝导", "假期出行高峰路口劝导"},
    {5, 4, 1, C::learning_exchange, 2, 1, "五四青年节·青年志愿者学习交流会",
     "青年志愿者经验分享与学习交流"},
    {5, 8, 24, C::legal_consultation, 1, 0.25, "民法典宣传月·法律咨询", "民法典宣传与居民法律咨询"},
    {5, 12, 1, C::emergency_aid, 1, 1, "防灾减灾日·应急疏散演练", "商户与街坊参与的应急疏散演练"},
    {5, 14, 1, C::psychological_support, 1, 1, "母亲节·关爱母亲心理沙龙",
     "亲子沟通与家庭关系心理沙龙"},
    {5, 15, 47, C::emergency_aid, 0, 0.15, "龙舟水汛期应急值守",
     "汛期强降雨时段加强应急值守, 协助转移避雨人员"},
    {5, 20, 42, C::convenience_service, 1, 0.3, "夏季防暑降温·送清凉",
     "为环卫工人、外卖骑手和路人送凉茶、饮用水"},
    {5, 21, 1, C::convenience_service, 1, 1, "全国助残日·助残便民服务",
     "为残障人士提供出行协助与便民服务"},
    {5, 25, 1, C::psychological_support, 1, 1, "5·25心理健康日·心理疏导进广场",
     "心理健康宣传与一对一倾听"},
    {5, 27, 1, C::learning_exchange, 1, 1, "青少年防溺水安全课堂", "防溺水知识讲解与互动问答"},
    {6, 1, 1, C::learning_exchange, 1, 1, "六一儿童节·亲子安全学习", "亲子安全知识游戏与学习"},
    {6, 1, 30, C::emergency_aid, 0, 0.2, "安全生产月·应急救助宣传", "安全生产月宣传与急救知识普及"},
    {6, 1, 6, C::psychological_support, 1, 0.5, "高考考生心理减压", "为考生和家长提供考前心理减压"},
    {6, 7, 2, C::traffic_persuasion, 0, 1, "高考护航·交通疏导", "考点周边交通疏导与送考引导"},
    {6, 10, 1, C::learning_exchange, 1, 1, "文化和自然遗产日·华南城故事分享",
     "平湖历史与华南城变迁分享"},
    {6, 12, 19, C::legal_consultation, 1, 0.3, "毕业季求职防骗法律咨询",
     "求职陷阱、试用期与劳动合同咨询"},
    {6, 14, 1, C::convenience_service, 1, 1, "世界献血者日·无偿献血引导",
     "献血车引导与献血知识宣传"},
    {6, 17, 3, C::traffic_persuasion, 0, 1, "中考护航·交通疏导", "考点周边交通疏导"},
    {6, 22, 3, C::convenience_service, 1, 0.8, "端午假期便民服务",
     "端午假期饮用水、充电、问路指引"},
    {6, 25, 6, C::learning_exchange, 2, 0.5, "暑期青少年安全教育学习交流",
     "暑期防溺水、防诈骗安全教育"},
    {6, 26, 1, C::legal_consultation, 1, 1, "国际禁毒日·禁毒宣传与法律咨询",
     "禁毒知识展板与法律咨询"},
    // The rest of the year: used only when --from/--to reach beyond the demo season.
    {7, 1, 31, C::convenience_service, 1, 0.3, "暑期高温送清凉", "高温时段为户外劳动者送清凉"},
    {7, 10, 45, C::learning_exchange, 1, 0.3, "暑期青少年学习交流", "暑期陪伴学习与兴趣分享"},
    {7, 15, 40, C::emergency_aid, 0, 0.15, "暑期防溺水应急值守", "暑期应急值守与防溺水宣传"},
    {8, 1, 1, C::other, 1, 1, "八一拥军优属慰问活动", "走访慰问退役军人与军属"},
    {8, 19, 1, C::convenience_service, 1, 1, "中国医师节·义诊便民服务", "社区医生义诊与健康咨询"},
    {9, 1, 10, C::traffic_persuasion, 0, 0.6, "开学季护学交通劝导", "上学时段路口护学与交通劝导"},
    {9, 10, 1, C::learning_exchange, 1, 1, "教师节·师生学习交流", "退休教师志愿者与学生交流"},
    {9, 28, 4, C::convenience_service, 1, 0.8, "中秋佳节便民服务", "中秋假期便民服务"},
    {10, 1, 7, C::traffic_persuasion, 2, 0.7, "国庆假期出行交通劝导", "国庆出行高峰路口劝导"},
    {10, 1, 7, C::convenience_service, 1, 0.7, "国庆假期便民服务",
     "国庆客流高峰饮用水、充电、问路指引"},
    {10, 10, 1, C::psychological_support, 1, 1, "世界精神卫生日·心理疏导",
     "心理健康宣传与一对一倾听"},
    {10, 23, 1, C::convenience_service, 1, 1, "重阳节·敬老便民服务",
     "为长者测血压、理发、手机使用指导"},
    {11, 1, 30, C::learning_exchange, 1, 0.25, "消防宣传月·消防知识学习交流",
     "消防知识讲解与灭火器使用体验"},
    {11, 9, 1, C::emergency_aid, 1, 1, "119消防日·应急疏散演练", "商户应急疏散演练"},
    {11, 20, 1, C::psychological_support, 1, 1, "冬季心理健康沙龙", "冬季情绪调适小组分享"},
    {12, 2, 1, C::traffic_persuasion, 2, 1, "全国交通安全日·文明出行劝导",
     "交通安全宣传与路口劝导"},
    {12, 4, 1, C::legal_consultation, 1, 1, "国家宪法日·普法咨询", "宪法宣传与法律咨询"},
    {12, 5, 1, C::learning_exchange, 1, 1, "国际志愿者日·志愿者交流会", "志愿者经验交流与表彰"},
    {12, 10, 30, C::legal_consultation, 1, 0.3, "年末欠薪维权法律咨询",
     "年末欠薪、劳动争议法律咨询"},
    {1, 10, 30, C::traffic_persuasion, 2, 0.4, "春运返乡出行交通劝导", "春运返乡高峰出行劝导"},
    {1, 15, 10, C::convenience_service, 1, 0.6, "迎春便民服务·义写春联", "义写春联与节前便民服务"},
    {2, 5, 1, C::learning_exchange, 1, 1, "元宵节·猜灯谜学习交流", "猜灯谜与传统文化交流"},
    {2, 20, 7, C::psychological_support, 1, 0.5, "节后返岗心理调适", "节后返岗压力与情绪调适"},
};

constexpr Standing kStanding[] = {
    {C::emergency_aid, "西广场应急救助值守",
     "地铁口旁服务站常驻急救箱与AED, 处置中暑、外伤、突发疾病等"},
    {C::traffic_persuasion, "地铁口路口文明交通劝导", "劝导电动自行车骑行者佩戴头盔、行人不闯红灯"},
    {C::convenience_service, "I城便民服务", "免费饮用水、爱心雨伞、手机充电、问路指引"},
    {C::legal_consultation, "周六公益法律咨询", "执业律师志愿者每周六下午坐班解答法律问题"},
    {C::psychological_support, "\"倾听角\"心理疏导", "心理咨询师志愿者每周三下午提供一对一倾听"},
    {C::rescue_assist, "西广场突发事件救援协助", "在站志愿者协助120、110、消防处置突发事件"},
    {C::training, "志愿者应急救助培训",
     "心肺复苏、AED、止血包扎等应急救助培训，合格者取得急救技能"},
};

constexpr const char* kSurnames[] = {
    "陈", "陈", "李", "李", "黄", "黄", "张", "张", "梁", "林", "林",   "刘",   "刘", "吴", "罗",
    "杨", "郑", "何", "钟", "谢", "曾", "邓", "叶", "朱", "温", "赖",   "王",   "王", "周", "徐",
    "胡", "郭", "冯", "蔡", "彭", "潘", "卢", "苏", "许", "方", "廖",   "丘",   "江", "袁", "蒋",
    "余", "杜", "姚", "肖", "沈", "田", "邱", "范", "莫", "韦", "欧阳", "司徒", "钱", "孙", "马"};
constexpr const char* kMale[] = {
    "伟",   "强",   "磊",   "军",   "洋",   "勇",   "杰",   "涛",   "明",   "超",   "斌",   "鹏",
    "辉",   "浩",   "宇",   "俊杰", "家豪", "梓豪", "嘉乐", "子轩", "浩然", "宇航", "志强", "建华",
    "国栋", "晓峰", "文杰", "振宇", "锦荣", "伟文", "永康", "智勇", "天佑", "俊熙", "泽楷", "铭轩",
    "嘉俊", "卓言", "立新", "海波", "德明", "耀祖", "少聪", "国强", "冠华"};
constexpr const char* kFemale[] = {
    "芳",   "娜",   "敏",   "静",   "丽",   "艳",   "婷",   "雪",   "琳",   "颖",   "欣",   "怡",
    "慧",   "倩",   "薇",   "嘉欣", "梓涵", "雨婷", "欣怡", "晓琳", "诗琪", "美玲", "丽华", "淑贞",
    "佩珊", "嘉慧", "思彤", "紫琪", "晓敏", "雅婷", "咏诗", "慧珍", "婉婷", "可欣", "秀英", "玉兰",
    "凤仪", "乐瑶", "梦洁", "安琪", "雪莹", "宝仪", "晓岚", "诗雅", "巧玲"};
constexpr const char* kAreas[] = {"440307", "440307", "440307", "440303", "440304", "440305",
                                  "440306", "440308", "441322", "441402", "441424", "445202",
                                  "445221", "440582", "440883", "441581", "360721", "360731",
                                  "430421", "431021", "431121", "452122", "450981", "510922",
                                  "420984", "350627", "412725", "441900", "442000", "440105"};
constexpr const char* kPhone[] = {"134", "135", "136", "137", "138", "139", "150", "151",
                                  "152", "157", "158", "159", "182", "183", "187", "188",
                                  "130", "131", "132", "155", "156", "185", "186", "133",
                                  "153", "180", "181", "189", "177", "199", "166", "173"};
constexpr const char* kStreets[] = {"平湖", "坂田", "布吉", "南湾", "横岗", "龙城",
                                    "龙岗", "坪地", "吉华", "园山", "宝龙"};
constexpr const char* kTopics[] = {
    "应急救助培训：心肺复苏与AED使用", "应急救助培训：创伤止血与包扎",
    "应急救助培训：中暑、溺水与常见急症处置", "应急救助培训：心肺复苏复训与考核"};

constexpr const char* kEmergency[] = {
    "路人中暑, 移至阴凉处补充淡盐水",   "老人低血糖头晕，提供糖水后好转",
    "儿童跌倒擦伤，消毒包扎",           "外卖骑手手部划伤，清创包扎",
    "游客扭伤脚踝，冰敷处理",           "孕妇身体不适，测量血压并陪同休息",
    "路人被热水烫伤，冲洗降温",         "商户搬货砸伤手指，冰敷包扎",
    "老人血压偏高，建议就医并联系家属", "路人鼻出血，指导压迫止血"};
constexpr const char* kRescue[] = {"地铁口乘客突发晕厥，协助拨打120并实施心肺复苏，移交急救人员",
                                   "电动自行车与行人碰撞，现场止血包扎，协助交警处置",
                                   "走失老人，协助派出所联系家属接回",
                                   "走失儿童，广播寻人后交还家长",
                                   "商铺电动车电池冒烟, 协助疏散并报119",
                                   "暴雨中行人被困积水路段，协助转移到站内避雨",
                                   "醉酒人员倒地不起，看护并协助110处置",
                                   "路人癫痫发作，保护头部并拨打120",
                                   "外卖骑手摔车骨折疑似，固定伤肢并送上救护车",
                                   "老人地铁扶梯摔倒，止血并陪同等待120"};
constexpr const char* kLegal[] = {"劳动合同纠纷咨询", "租房押金纠纷",     "消费维权, 网购退货",
                                  "婚姻家庭继承问题", "交通事故赔偿咨询", "欠薪维权途径咨询",
                                  "商铺租赁合同咨询", "工伤认定流程咨询", "借款纠纷咨询",
                                  "物业服务纠纷"};
constexpr const char* kCounsel[] = {"学业压力倾诉", "家庭关系困扰", "失业焦虑", "情绪低落倾诉",
                                    "人际关系困扰", "育儿压力",     "睡眠问题", "职场压力"};
constexpr const char* kLate[] = {"地铁延误", "堵车", "临时加班后赶来", "下雨耽误", ""};
constexpr const char* kEarly[] = {"家中有事提前离开", "身体不适, 提前签退", "接孩子放学",
                                  "临时工作安排", ""};
constexpr const char* kSplit[] = {"中途陪同走失老人回家", "中途送伤者到社康中心",
                                  "中途离站取急救物资"};
}  // namespace

List<Theme> themes() {
  return list(kThemes);
}
List<Standing> standing_projects() {
  return list(kStanding);
}
List<const char*> surnames() {
  return list(kSurnames);
}
List<const char*> male_given() {
  return list(kMale);
}
List<const char*> female_given() {
  return list(kFemale);
}
List<const char*> area_codes() {
  return list(kAreas);
}
List<const char*> phone_prefixes() {
  return list(kPhone);
}
List<const char*> streets() {
  return list(kStreets);
}
List<const char*> training_topics() {
  return list(kTopics);
}
List<const char*> emergency_notes() {
  return list(kEmergency);
}
List<const char*> rescue_notes() {
  return list(kRescue);
}
List<const char*> legal_notes() {
  return list(kLegal);
}
List<const char*> counseling_notes() {
  return list(kCounsel);
}
List<const char*> late_notes() {
  return list(kLate);
}
List<const char*> early_leave_notes() {
  return list(kEarly);
}
List<const char*> split_notes() {
  return list(kSplit);
}

}  // namespace gen
