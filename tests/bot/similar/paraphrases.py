"""Hand-written evaluation set: paraphrase pairs, unrelated distractors, new unrelated ideas.

Written before the algorithm and never edited to suit it. Each pair states one idea twice
with different words and usually a different unit (xã/phường, TYT/TTYT…), the way two
authors in two agencies would. Distractors are other real-looking initiatives, some
deliberately in the same domain as a pair (hard negatives).
"""

from __future__ import annotations

PAIRS: list[tuple[str, str]] = [
    (
        "Niêm yết mã QR tra cứu quy trình, thành phần hồ sơ thủ tục hành chính tại trụ sở "
        "Ủy ban nhân dân xã",
        "Dán mã QR để người dân tự tra cứu TTHC ở UBND phường",
    ),
    (
        "Số hoá, tái sử dụng kết quả giải quyết thủ tục hành chính để người dân không phải "
        "nộp lại giấy tờ đã có",
        "Tái sử dụng dữ liệu, giấy tờ đã số hóa từ hồ sơ TTHC trước đó, công dân không phải "
        "nộp lại bản giấy",
    ),
    (
        "Bảng tính dùng chung cảnh báo sớm hồ sơ sắp quá hạn cho công chức tiếp nhận tại phường",
        "Dùng Google Sheets chung để cảnh báo hồ sơ sắp trễ hạn cho bộ phận một cửa xã",
    ),
    (
        "Phân luồng và hẹn giờ khám bệnh qua tổng đài, tin nhắn nhằm giảm thời gian chờ tại "
        "khoa Khám bệnh",
        "Đặt lịch hẹn khám qua điện thoại và tin nhắn SMS để người bệnh bớt phải chờ đợi ở "
        "TTYT khu vực",
    ),
    (
        "Sử dụng phiếu học tập số kết hợp trò chơi trực tuyến để phụ đạo học sinh lớp 6 môn Toán",
        "Phụ đạo môn Toán cho học sinh yếu lớp 7 bằng phiếu bài tập điện tử và trò chơi Quizizz",
    ),
    (
        "Ứng dụng bản đồ số theo dõi lịch xuống giống và tình hình sâu bệnh trên lúa tại xã",
        "Dùng bản đồ số để nông dân theo dõi thời vụ gieo sạ và sâu bệnh hại lúa ở phường",
    ),
    (
        "Hướng dẫn ngư dân khai báo nhật ký khai thác thủy sản điện tử tại đặc khu Lý Sơn",
        "Hỗ trợ bà con ngư dân ghi nhật ký khai thác thuỷ sản bằng phần mềm điện tử trên điện "
        "thoại ở xã Bình Sơn",
    ),
    (
        "Gộp các báo cáo định kỳ trùng chỉ tiêu giữa các phòng thành một biểu mẫu",
        "Hợp nhất những biểu mẫu báo cáo định kỳ có chỉ tiêu trùng lặp của các phòng chuyên môn "
        "thành một mẫu chung",
    ),
    (
        "Lập nhóm Zalo giữa bộ phận một cửa và người dân để nhắc bổ sung hồ sơ",
        "Thông báo cho công dân bổ sung hồ sơ qua nhóm Zalo của bộ phận tiếp nhận và trả kết quả",
    ),
    (
        "Ký số văn bản đi trên hệ thống quản lý văn bản, bỏ bản giấy tại văn phòng Sở",
        "Áp dụng chữ ký số cho toàn bộ văn bản phát hành qua phần mềm quản lý văn bản và điều "
        "hành, không in giấy",
    ),
    (
        "Thu phí chợ bằng mã QR chuyển khoản thay cho thu tiền mặt tại chợ xã",
        "Ban quản lý chợ phường thu tiền thuê ki-ốt, phí chợ qua quét mã QR ngân hàng, không "
        "dùng tiền mặt",
    ),
    (
        "Chi trả lương hưu, trợ cấp xã hội qua tài khoản ngân hàng cho người cao tuổi",
        "Chuyển tiền trợ cấp xã hội và lương hưu vào tài khoản cho người già thay vì phát tiền "
        "mặt tại nhà văn hóa thôn",
    ),
    (
        "Nhắc lịch tiêm chủng mở rộng cho phụ huynh bằng tin nhắn Zalo tại trạm y tế",
        "TYT gửi tin nhắn Zalo nhắc cha mẹ đưa trẻ đi tiêm chủng đúng lịch",
    ),
    (
        "Cấp thẻ BHYT điện tử trên ứng dụng VssID cho học sinh trường THPT",
        "Hướng dẫn học sinh trung học phổ thông cài VssID dùng thẻ bảo hiểm y tế điện tử thay "
        "thẻ giấy",
    ),
    (
        "Số hóa sổ hộ tịch cũ để tra cứu và cấp bản sao trích lục nhanh",
        "Nhập dữ liệu sổ đăng ký hộ tịch giấy từ trước năm 2015 vào phần mềm, cấp bản sao trích "
        "lục khai sinh nhanh hơn",
    ),
    (
        "Cho học sinh mượn, trả sách ở thư viện trường bằng mã vạch",
        "Quản lý mượn trả sách tại thư viện trường THCS bằng mã vạch và phần mềm",
    ),
    (
        "Ứng dụng chế phẩm sinh học xử lý rơm rạ sau thu hoạch lúa thành phân hữu cơ",
        "Ủ rơm rạ sau vụ gặt bằng men vi sinh để làm phân bón hữu cơ cho đồng ruộng",
    ),
    (
        "Nuôi tôm thẻ chân trắng hai giai đoạn trong ao lót bạt ven biển",
        "Mô hình nuôi tôm chân trắng 2 giai đoạn, ao lót bạt HDPE tại vùng cát ven biển",
    ),
    (
        "Lắp camera giám sát và cảnh báo cháy rừng tại các chốt trên núi",
        "Hệ thống camera phát hiện sớm cháy rừng đặt trên đỉnh núi cho lực lượng kiểm lâm",
    ),
    (
        "Tổ chức phiên tòa giả định tuyên truyền pháp luật cho học sinh",
        "Tuyên truyền pháp luật cho học sinh THCS qua hình thức phiên toà giả định",
    ),
    (
        "Hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công quốc gia bằng tổ công "
        "nghệ số cộng đồng",
        "Tổ công nghệ số cộng đồng đến từng nhà hướng dẫn bà con nộp hồ sơ DVC trực tuyến",
    ),
    (
        "Thanh toán viện phí không dùng tiền mặt bằng mã QR tại bệnh viện",
        "Người bệnh trả tiền khám chữa bệnh qua quét mã QR chuyển khoản ở quầy thu ngân TTYT",
    ),
    (
        "Xây dựng ngân hàng câu hỏi trắc nghiệm trực tuyến ôn thi tốt nghiệp THPT",
        "Kho đề trắc nghiệm trên mạng giúp học sinh lớp 12 ôn tập thi tốt nghiệp trung học phổ "
        "thông",
    ),
    (
        "Dùng phần mềm kế toán để theo dõi công nợ học phí thay sổ sách thủ công",
        "Quản lý thu học phí và công nợ của học sinh trên phần mềm kế toán, bỏ ghi sổ tay",
    ),
    (
        "Chuẩn hóa danh mục tài liệu lưu trữ điện tử của cơ quan",
        "Xây dựng danh mục chuẩn cho hồ sơ, tài liệu lưu trữ số tại văn phòng UBND",
    ),
    (
        "Tuyên truyền phòng chống sốt xuất huyết qua loa phát thanh thôn và nhóm Zalo",
        "Phát thanh trên loa thôn, tổ dân phố và gửi tin Zalo hướng dẫn diệt lăng quăng phòng "
        "sốt xuất huyết",
    ),
    (
        "Lập bản đồ số các điểm sạt lở để cảnh báo người dân mùa mưa bão",
        "Bản đồ điện tử vùng nguy cơ sạt lở đất giúp cảnh báo sơ tán dân khi có mưa lũ",
    ),
    (
        "Cấp giấy phép xây dựng nhà ở riêng lẻ trực tuyến, trả kết quả qua bưu điện",
        "Nộp hồ sơ xin phép xây nhà ở riêng lẻ qua mạng và nhận giấy phép tại nhà bằng dịch vụ "
        "bưu chính công ích",
    ),
    (
        "Mô hình trồng sâm Ngọc Linh dưới tán rừng gắn với bảo vệ rừng",
        "Trồng sâm Ngọc Linh dưới tán rừng tự nhiên kết hợp giao khoán bảo vệ rừng cho người dân "
        "tộc thiểu số",
    ),
    (
        "Quản lý tàu cá bằng thiết bị giám sát hành trình, cảnh báo vượt ranh giới vùng biển",
        "Theo dõi tàu đánh bắt xa bờ qua thiết bị giám sát hành trình VMS, nhắc ngư dân không "
        "vượt ranh giới biển",
    ),
    (
        "Xét duyệt hồ sơ khen thưởng trên phần mềm thi đua khen thưởng",
        "Số hoá quy trình đề nghị khen thưởng, hội đồng TĐKT xét duyệt trực tuyến",
    ),
    (
        "Bình xét danh hiệu Chiến sĩ thi đua bằng phiếu bầu điện tử",
        "Bỏ phiếu kín điện tử khi xét danh hiệu CSTĐ cơ sở",
    ),
    (
        "Đánh giá, xếp loại cán bộ công chức viên chức hằng tháng trên phần mềm",
        "Chấm điểm, xếp loại CBCCVC theo tháng bằng phần mềm đánh giá trực tuyến",
    ),
    (
        "Ứng dụng trí tuệ nhân tạo trả lời câu hỏi thường gặp về thủ tục hành chính",
        "Chatbot AI tự động giải đáp các câu hỏi hay gặp của người dân về TTHC",
    ),
    (
        "Tiếp nhận phản ánh, kiến nghị của người dân qua ứng dụng điện thoại thông minh",
        "Người dân gửi ý kiến phản ánh, kiến nghị đến chính quyền bằng app trên smartphone",
    ),
    (
        "Phân loại rác thải tại nguồn ở khu dân cư, đổi rác tái chế lấy quà",
        "Vận động hộ gia đình phân loại rác tại nguồn, đổi phế liệu tái chế lấy cây xanh, quà tặng",
    ),
    (
        "Sổ khám bệnh điện tử cho người bệnh tăng huyết áp, đái tháo đường tại trạm y tế",
        "Quản lý bệnh nhân tăng huyết áp và tiểu đường bằng hồ sơ sức khỏe điện tử ở TYT xã",
    ),
    (
        "Nhắc uống thuốc điều trị lao bằng tin nhắn điện thoại",
        "Gửi tin nhắn hằng ngày nhắc bệnh nhân lao uống thuốc đủ liệu trình",
    ),
    (
        "Kiểm tra an toàn thực phẩm bếp ăn bán trú bằng bảng kiểm điện tử",
        "Dùng bảng kiểm trên máy tính bảng để kiểm tra vệ sinh ATTP tại bếp ăn trường mầm non "
        "bán trú",
    ),
    (
        "Lập hồ sơ địa chính số, tra cứu thông tin thửa đất qua mã QR trên giấy chứng nhận",
        "Quét mã QR in trên sổ đỏ để tra cứu dữ liệu thửa đất đã số hóa",
    ),
    (
        "Thu thuế hộ kinh doanh qua ứng dụng eTax Mobile",
        "Hướng dẫn hộ kinh doanh nộp thuế điện tử bằng eTax Mobile trên điện thoại",
    ),
    (
        "Dạy bơi miễn phí cho học sinh tiểu học phòng chống đuối nước trong dịp hè",
        "Mở lớp dạy bơi hè không thu tiền cho trẻ em tiểu học để phòng, chống đuối nước",
    ),
    (
        "Giao ban trực tuyến giữa tỉnh và các xã qua hệ thống hội nghị truyền hình",
        "Họp trực tuyến với xã, phường qua hội nghị truyền hình thay cho họp tập trung tại tỉnh",
    ),
    (
        "Bản tin nội bộ điện tử gửi qua email thay cho bản tin in giấy",
        "Phát hành bản tin nội bộ dạng điện tử qua thư điện tử, không in bản giấy",
    ),
    (
        "Hỗ trợ người lao động đăng ký trợ cấp thất nghiệp trực tuyến",
        "Hướng dẫn người mất việc làm nộp hồ sơ hưởng trợ cấp thất nghiệp qua mạng",
    ),
    (
        "Kết nối cung cầu nông sản qua sàn thương mại điện tử cho hợp tác xã",
        "Đưa sản phẩm nông nghiệp của HTX lên sàn thương mại điện tử để tiêu thụ",
    ),
    (
        "Truy xuất nguồn gốc nông sản bằng tem mã QR",
        "Dán tem QR truy xuất nguồn gốc cho sản phẩm nông nghiệp, giúp người mua kiểm tra xuất xứ",
    ),
    (
        "Tiêm phòng dại cho chó mèo theo danh sách hộ nuôi lập trên bảng tính",
        "Quản lý danh sách chó, mèo của từng hộ bằng bảng tính để tiêm vắc xin phòng bệnh dại",
    ),
    (
        "Bảo quản cá ngừ đại dương bằng hầm bảo ôn và nước đá sệt trên tàu",
        "Dùng hầm bảo ôn, đá sệt để giữ chất lượng cá ngừ đại dương sau khi đánh bắt",
    ),
    (
        "Sắp xếp hồ sơ lưu trữ theo mã số trên giá, tìm kiếm bằng phần mềm",
        "Đánh mã số hộp, giá hồ sơ lưu trữ và tra tìm vị trí trên phần mềm",
    ),
    (
        "Số hóa hồ sơ bệnh án, bệnh án điện tử tại bệnh viện đa khoa tỉnh",
        "Triển khai bệnh án điện tử thay hồ sơ bệnh án giấy ở bệnh viện",
    ),
    (
        "Khảo sát sự hài lòng của người dân bằng máy tính bảng tại bộ phận một cửa",
        "Đặt máy tính bảng ở quầy một cửa để công dân đánh giá mức độ hài lòng sau khi giải quyết "
        "hồ sơ",
    ),
    (
        "Tập huấn kỹ năng chuyển đổi số cho cán bộ thôn, tổ dân phố",
        "Bồi dưỡng kĩ năng CĐS cho cán bộ ở thôn và tổ dân phố",
    ),
    (
        "Xây dựng tủ sách pháp luật điện tử trên trang thông tin của xã",
        "Đăng tài liệu pháp luật lên tủ sách điện tử ở trang thông tin điện tử phường",
    ),
    (
        "Dùng flycam phun thuốc bảo vệ thực vật cho lúa",
        "Sử dụng máy bay không người lái để phun thuốc BVTV trên ruộng lúa",
    ),
    (
        "Lịch trực và phân công tiếp công dân công khai trên trang thông tin điện tử",
        "Công khai lịch tiếp công dân của lãnh đạo trên cổng thông tin điện tử",
    ),
    (
        "Giảm thời gian cấp phiếu lý lịch tư pháp bằng tiếp nhận trực tuyến và trả qua bưu điện",
        "Nhận hồ sơ cấp Phiếu lí lịch tư pháp qua mạng, gửi kết quả qua bưu chính",
    ),
    (
        "Dạy tiếng Việt cho trẻ mầm non người dân tộc thiểu số bằng tranh ảnh và bài hát",
        "Tăng cường tiếng Việt cho trẻ em dân tộc thiểu số ở trường mầm non qua tranh, bài hát",
    ),
    (
        "Quản lý tài sản công của đơn vị bằng tem mã vạch và phần mềm",
        "Dán mã vạch lên tài sản, trang thiết bị và theo dõi tài sản công trên phần mềm quản lý",
    ),
    (
        "Tự động hóa đối chiếu số liệu thu chi ngân sách với kho bạc bằng bảng tính",
        "Bảng tính tự động đối chiếu số liệu thu, chi ngân sách giữa đơn vị và Kho bạc Nhà nước",
    ),
    (
        "Ứng dụng VNeID để xác thực công dân khi nộp hồ sơ trực tuyến",
        "Đăng nhập bằng tài khoản định danh điện tử VNeID khi người dân nộp hồ sơ DVC",
    ),
    (
        "Làm hầm biogas xử lý chất thải chăn nuôi heo giảm ô nhiễm",
        "Xây bể biogas cho hộ nuôi lợn để xử lý phân chuồng, chống ô nhiễm môi trường",
    ),
    (
        "Trồng cây chắn cát ven biển bằng phi lao kết hợp cỏ",
        "Chống cát bay ven biển bằng trồng phi lao và cỏ giữ cát",
    ),
    (
        "Số hóa hồ sơ đảng viên để tra cứu và quản lý",
        "Quản lý, tra cứu hồ sơ đảng viên trên cơ sở dữ liệu điện tử",
    ),
    (
        "Tích hợp thanh toán phí, lệ phí trực tuyến trên Cổng DVC",
        "Người dân nộp phí, lệ phí thủ tục ngay trên cổng dịch vụ công trực tuyến",
    ),
    (
        "Nhắc lịch khám thai cho sản phụ qua tin nhắn",
        "Gửi SMS nhắc thai phụ đi khám thai định kỳ",
    ),
]

# Other initiatives stored alongside the pairs; a query must rank its partner above them.
DISTRACTORS: list[str] = [
    "Tổ chức hội thi tiếng hát cán bộ, công chức chào mừng ngày thành lập tỉnh",
    "Sửa chữa, nâng cấp đường giao thông nông thôn theo phương châm Nhà nước và nhân dân cùng làm",
    "Phương pháp dạy đọc diễn cảm thơ cho học sinh lớp 4",
    "Ứng dụng kỹ thuật nội soi dạ dày không đau tại bệnh viện đa khoa",
    "Cải tạo vườn tạp trồng bưởi da xanh theo tiêu chuẩn VietGAP",
    "Hướng dẫn phòng, chống bạo lực gia đình qua câu lạc bộ phụ nữ",
    "Tổ chức giải bóng đá thiếu niên nhi đồng trong dịp hè",
    "Quy trình bảo dưỡng định kỳ xe ô tô công của cơ quan",
    "Nuôi cá lồng trên hồ thủy điện bằng lồng nhựa HDPE",
    "Bố trí lại không gian làm việc mở tại văn phòng Sở",
    "Phục dựng lễ hội truyền thống của đồng bào Cor",
    "Kiểm kê khí nhà kính trong sản xuất xi măng",
    "Sử dụng sơ đồ tư duy trong dạy học môn Lịch sử lớp 9",
    "Vận động hiến máu tình nguyện trong đoàn viên thanh niên",
    "Tăng cường tuần tra kiểm soát nồng độ cồn trên quốc lộ 1",
    "Chăm sóc răng miệng cho học sinh tiểu học tại trường",
    "Xây dựng quy chế chi tiêu nội bộ đơn vị sự nghiệp công lập tự chủ",
    "Khôi phục làng nghề dệt thổ cẩm gắn với du lịch cộng đồng",
    "Cải tiến bếp đun tiết kiệm củi cho hộ nghèo vùng cao",
    "Thành lập câu lạc bộ cờ vua cho học sinh trung học cơ sở",
    "Tuyển chọn giống keo lai mô có năng suất cao cho trồng rừng sản xuất",
    "Phối hợp với đồn biên phòng tuần tra bảo vệ chủ quyền biển đảo",
    "Phục hồi chức năng cho người bệnh sau đột quỵ bằng bài tập tại nhà",
    "Thiết kế mẫu nhà ở chống bão cho vùng ven biển",
    "Tổ chức ngày hội đọc sách cho thiếu nhi tại thư viện tỉnh",
    "Khám sàng lọc mắt miễn phí cho người cao tuổi",
    "Cải tiến quy trình vệ sinh khử khuẩn phòng mổ",
    "Nhân giống hoa lan rừng bằng nuôi cấy mô",
    "Phòng chống hạn mặn cho cây lúa vùng hạ lưu bằng cống ngăn mặn",
    "Xây dựng mô hình dân vận khéo trong vận động hiến đất làm đường",
    "Thi kể chuyện về tấm gương đạo đức Hồ Chí Minh trong học sinh",
    "Nâng cao chất lượng bữa ăn bán trú cho học sinh dân tộc nội trú",
    "Tổ chức chợ phiên nông sản an toàn cuối tuần",
    "Sơ cứu ban đầu cho ngư dân bị tai nạn trên biển",
    "Tăng cường tiết dạy thể dục bằng trò chơi dân gian",
    "Thí điểm xe buýt đưa đón học sinh vùng sâu",
    "Gắn biển số nhà và tên đường tại các khu dân cư mới",
    "Mô hình tổ hòa giải ở cơ sở giải quyết tranh chấp đất đai",
    "Kiểm định chất lượng nước sinh hoạt nông thôn định kỳ",
    "Trồng rau thủy canh trong nhà màng cho hợp tác xã",
    "Tổ chức lớp tiếng Anh giao tiếp cho cán bộ làm du lịch",
    "Hướng dẫn sinh viên thực tập viết luận văn theo nhóm",
    "Lắp đèn năng lượng mặt trời chiếu sáng đường thôn",
    "Thu gom bao bì thuốc bảo vệ thực vật trên đồng ruộng vào bể chứa",
    "Cải tiến quy trình cấp phát thuốc ngoại trú tại khoa Dược",
    "Phát triển đàn bò lai Zebu cho hộ nghèo",
    "Xây dựng bộ tiêu chí chấm điểm thi đua cho khối trường học",
    "Lồng ghép giáo dục kỹ năng sống vào giờ sinh hoạt lớp",
    "Quản lý đoàn viên công đoàn bằng thẻ đoàn viên điện tử",
    "Bảo tồn cồng chiêng trong trường học vùng dân tộc",
    "Tái chế giấy vụn văn phòng làm bìa hồ sơ",
    "Mở tuyến du lịch lặn ngắm san hô tại Lý Sơn",
    "Xử lý nước thải lò mổ gia súc bằng đệm lót sinh học",
    "Luyện viết chữ đẹp cho học sinh lớp 1",
    "Rèn luyện thể lực cho chiến sĩ dân quân tự vệ",
    "Xây dựng nhà văn hóa thôn từ nguồn xã hội hóa",
    "Tuyên truyền bầu cử đại biểu Quốc hội và HĐND các cấp bằng pano, áp phích",
    "Giảm tỷ lệ suy dinh dưỡng trẻ em bằng vườn rau dinh dưỡng tại gia đình",
    "Tổ chức thi nấu ăn món truyền thống trong hội phụ nữ",
    "Kiểm soát chất lượng công trình xây dựng bằng nhật ký thi công điện tử",
    "Ứng dụng phần mềm quản lý thư viện số cho trường đại học",
    "Cải tiến mẫu phiếu điều tra hộ nghèo cuối năm",
    "Huy động nguồn lực xây cầu dân sinh vùng lũ",
    "Tập luyện dưỡng sinh cho hội người cao tuổi",
]

# New ideas a person might submit that match nothing stored: any match shown is a false alarm.
NEW_IDEAS: list[str] = [
    "Tổ chức lớp học võ cổ truyền cho thanh thiếu niên vào buổi tối",
    "Lập câu lạc bộ nhiếp ảnh ghi lại cảnh đẹp quê hương để quảng bá du lịch",
    "Trồng hoa giấy dọc hai bên đường liên thôn tạo cảnh quan",
    "Nuôi ong lấy mật dưới tán rừng keo",
    "Thay bóng đèn sợi đốt bằng đèn LED trong trụ sở để tiết kiệm điện",
    "Dạy đàn ghi-ta miễn phí cho thanh niên công nhân khu công nghiệp",
    "Làm mô hình học cụ bằng vật liệu tái chế cho lớp mẫu giáo",
    "Tổ chức giải chạy việt dã gây quỹ khuyến học",
    "Phục hồi giống gà ri thả vườn cho hộ đồng bào miền núi",
    "Sơn vạch kẻ đường dành cho người đi bộ trước cổng trường",
    "Trưng bày hiện vật chiến tranh tại nhà truyền thống của xã",
    "Dựng sân khấu lưu động biểu diễn bài chòi phục vụ bà con",
    "Chưng cất tinh dầu sả từ cây sả trồng trên đất đồi",
    "Cải tiến khuôn đúc gạch không nung từ xỉ than",
    "Lập đội thanh niên tình nguyện dọn vệ sinh bãi biển mỗi sáng chủ nhật",
    "Hướng dẫn nấu cháo dinh dưỡng cho bà mẹ có con nhỏ",
    "Sưu tầm ca dao, tục ngữ địa phương in thành sách",
    "Dạy múa sạp cho đội văn nghệ trường tiểu học",
    "Chế biến nước mắm truyền thống đạt chuẩn an toàn đóng chai",
    "Bảo dưỡng máy phát điện dự phòng tại trụ sở trước mùa bão",
    "Trồng cây dược liệu đinh lăng trong vườn hộ gia đình",
    "Thiết kế logo và bộ nhận diện cho sản phẩm OCOP của xã",
    "Tổ chức cắm trại hè kết hợp giáo dục truyền thống cách mạng",
    "Xây lò đốt rác mini cho thôn vùng cao",
    "Luyện giọng đọc cho phát thanh viên đài truyền thanh cơ sở",
    "Đóng ghe thuyền bằng vật liệu composite thay gỗ",
    "Hướng dẫn kỹ thuật ghép cải tạo vườn điều già cỗi",
    "Dạy kỹ năng thoát hiểm khi cháy cho học sinh mầm non",
    "Trồng cỏ voi làm thức ăn xanh cho bò vỗ béo",
    "Tổ chức liên hoan ẩm thực đường phố cuối tuần tại phố đi bộ",
    "Gia cố kè đá chống xói lở bờ sông bằng rọ thép",
    "Phân công đoàn viên kèm cặp học sinh cá biệt",
    "Mở lớp thêu tay cho phụ nữ nông thôn",
    "Sửa chữa mái trường bị dột bằng tôn cách nhiệt",
    "Thành lập đội bóng chuyền nữ của cơ quan",
    "Làm bánh tráng nướng đặc sản để bán qua mạng",
    "Thuần dưỡng voi nhà phục vụ du lịch sinh thái",
    "Ủ phân trùn quế từ rác nhà bếp",
    "Nâng cấp phòng truyền thống của đơn vị bằng tranh ảnh lịch sử",
    "Xây dựng quy tắc ứng xử khi đi lễ chùa cho du khách",
    "Huấn luyện chó nghiệp vụ phát hiện ma túy tại cửa khẩu",
    "Trồng dừa xiêm trên đất cát bạc màu",
    "Dựng phim hoạt hình ngắn về an toàn giao thông cho thiếu nhi",
    "Tổ chức thi vẽ tranh cổ động bảo vệ môi trường biển",
    "Thay mái lá nhà rông bằng vật liệu chống cháy",
    "Gây nuôi nhím lấy thịt tại hộ gia đình vùng núi",
    "Lắp máy lọc nước uống cho học sinh trường bán trú",
    "Tổ chức hội thao truyền thống ngày thành lập ngành",
    "Cải tiến xe đẩy chở vật tư trong kho",
    "Biên soạn từ điển song ngữ Việt - Hrê cho giáo viên",
    "Dạy bơi thuyền thúng cho khách du lịch tại làng chài",
    "Vận động hộ dân hiến cây xanh trồng tại công viên",
    "Nuôi cấy nấm linh chi trong nhà kính",
    "Làm đường điện chiếu sáng bằng nguồn đóng góp của dân",
    "Tổ chức tết trung thu cho trẻ em khó khăn",
    "Sửa chữa đàn organ cũ của nhà thiếu nhi",
    "Thành lập tủ thuốc nam tại nhà văn hóa",
    "Khôi phục nghề rèn thủ công của làng",
    "Lập vườn ươm cây giống bản địa cho trồng rừng phòng hộ",
    "Chăm sóc cây cảnh trong khuôn viên trụ sở bằng hệ thống tưới nhỏ giọt",
]
